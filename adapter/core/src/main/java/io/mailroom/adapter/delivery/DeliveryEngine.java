package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.work.WorkLauncher;

import io.mailroom.api.DeliveryAttempt;
import io.mailroom.api.DeliveryListener;
import io.mailroom.api.SendReceipt;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The delivery workers of one outbox. At most {@code workerCount} run at once, each with its own
 * SMTP connection. They are started when there is due mail (after a commit, or when a deferred
 * message's retry time comes, checked every second by a timer) and end when the outbox has been
 * idle for a moment, so an idle outbox holds no server thread.
 *
 * <p>A commit is on the wire at once: {@link #wake} wakes one idle worker (see
 * {@code DeliverySignal}) and starts one if fewer than the limit run. A worker that decides to end re-checks the signal after it stopped
 * counting as running, so a commit that lands while the last worker leaves starts a new one
 * instead of waiting for the timer.
 */
public final class DeliveryEngine {
    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());
    private static final long TICK_MILLIS = 1_000;
    private static final long STOP_POLL_MILLIS = 10;

    private final Outbox outbox;
    private final DeliveryConnectionPool connections;
    private final int workerCount;
    private final long tickMillis;
    private final long lingerMillis;
    private final DeliverySignal signal = new DeliverySignal();
    private final ListenerScopes listeners = new ListenerScopes();
    private final DeliveryListener fanOut = new FanOut();
    private final List<DeliveryListener> observers = new CopyOnWriteArrayList<>();
    private final EntryDelivery delivery;
    private final AtomicInteger running = new AtomicInteger();
    private final Set<DeliveryWorker> workers = ConcurrentHashMap.newKeySet();
    private volatile WorkLauncher launcher;
    private volatile Timer timer;
    private volatile boolean stopped;
    private volatile boolean paused;

    public DeliveryEngine(Outbox outbox, Supplier<DeliveryConnection> connections, RetryPolicy retry, int workerCount) {
        this(outbox, connections, retry, workerCount, TICK_MILLIS, DeliveryWorker.LINGER_MILLIS);
    }

    /**
     * @param tickMillis how often the timer looks for deferred mail that became due
     * @param lingerMillis how long an idle worker waits for more mail before it ends
     */
    DeliveryEngine(Outbox outbox, Supplier<DeliveryConnection> connections, RetryPolicy retry, int workerCount,
                   long tickMillis, long lingerMillis) {
        this.outbox = outbox;
        this.connections = new DeliveryConnectionPool(connections);
        this.workerCount = workerCount;
        this.delivery = new EntryDelivery(outbox, retry, fanOut, new DeliveryLog(), Clock.systemUTC());
        this.tickMillis = tickMillis;
        this.lingerMillis = lingerMillis;
    }

    /** Starts delivering; mail left from before a restart goes first (oldest first). */
    public void start(WorkLauncher launcher, Timer timer) {
        this.launcher = launcher;
        this.timer = timer;
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                if (outbox.nextDue().filter(due -> !due.isAfter(Instant.now())).isPresent()) {
                    wakeAll();
                }
            }
        }, tickMillis, tickMillis);
        LOG.info(DeliveryMessages.started(workerCount, outbox.stats()));
        wakeAll();
    }

    /**
     * A message was committed: wakes one idle worker (which wakes another if more is due) and
     * starts a worker if fewer than the limit run; none while paused.
     */
    public void wake() {
        signal.signalOne();
        startWorkers();
    }

    /** Mail became deliverable (deferred mail fell due, delivery resumed): wakes every idle worker, starts more. */
    private void wakeAll() {
        signal.signalAll();
        startWorkers();
    }

    private void startWorkers() {
        while (!stopped && !paused && launcher != null) {
            int n = running.get();
            if (n >= workerCount) {
                return;
            }
            if (running.compareAndSet(n, n + 1) && !startWorker()) {
                return;
            }
        }
    }

    private boolean startWorker() {
        DeliveryWorker worker = new DeliveryWorker(outbox, connections, delivery, signal, lingerMillis,
                this::workerLeftIdle, () -> paused);
        workers.add(worker);
        try {
            launcher.launch(worker);
            return true;
        } catch (Exception e) {
            workerEnded(worker);
            LOG.warning(DeliveryMessages.workerNotStarted(e));
            return false;
        }
    }

    private void workerEnded(DeliveryWorker worker) {
        workers.remove(worker);
        running.decrementAndGet();
    }

    /**
     * A worker ended after it found nothing due when the signal stood at {@code seen}. A commit
     * after that look signalled while the worker still counted as running, so {@link #wake} started
     * no one: start a worker for it now rather than at the next tick.
     */
    private void workerLeftIdle(DeliveryWorker worker, long seen) {
        workerEnded(worker);
        if (signal.generation() != seen) {
            wakeAll();
        }
    }

    /**
     * Pauses delivery, for an operator: each worker finishes the messages in hand (never
     * abandoned half-sent), then takes no more; commits still queue mail. Not remembered across a
     * restart of the adapter: delivery starts running again. Pausing twice is harmless.
     */
    public void pause() {
        if (!paused) {
            paused = true;
            LOG.info(DeliveryMessages.paused(outbox.stats()));
        }
    }

    /** Resumes delivery after {@link #pause}: due mail goes at once. Harmless when not paused. */
    public void resume() {
        if (paused) {
            paused = false;
            LOG.info(DeliveryMessages.resumed(outbox.stats()));
        }
        wakeAll();
    }

    /** @return whether an operator paused delivery */
    public boolean paused() {
        return paused;
    }

    /** Stops the workers after their current message and waits up to {@code timeoutMillis}. */
    public void stop(long timeoutMillis) {
        stopped = true;
        Timer t = timer;
        if (t != null) {
            t.cancel();
        }
        workers.forEach(DeliveryWorker::release);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (running.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(STOP_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.closeAll();
    }

    /**
     * Registers a listener for the delivery outcomes of the messages {@code application} sends
     * (see {@link #tag}); it hears nothing of other applications' mail.
     *
     * @param application who registers: the context class loader of the registering thread
     */
    public void addListener(DeliveryListener listener, Object application) {
        listeners.add(listener, application);
    }

    public void removeListener(DeliveryListener listener) {
        listeners.remove(listener);
    }

    /** @return how many SMTP connections the delivery workers hold now */
    public int connectionsInUse() {
        return connections.inUse();
    }

    /** Registers an adapter-internal observer (health, metrics) that hears every message's events. */
    public void observe(DeliveryListener observer) {
        observers.add(observer);
    }

    /**
     * Notes which application sent a message, so that its events go to that application's
     * listeners only. Call before the message can be delivered.
     */
    public void tag(String messageId, Object application) {
        listeners.tag(messageId, application);
    }

    /** Passes each event to the listeners of the message's application; one listener's failure does not stop the others. */
    private final class FanOut implements DeliveryListener {
        @Override
        public void sent(String messageId, SendReceipt receipt) {
            List<DeliveryListener> to = listeners.listenersFor(messageId);
            if (receipt.rejected().isEmpty()) {
                listeners.untag(messageId);
            }
            to.forEach(l -> safely(() -> l.sent(messageId, receipt)));
            observers.forEach(l -> safely(() -> l.sent(messageId, receipt)));
        }

        @Override
        public void deferred(String messageId, String reason, Instant nextAttempt) {
            listeners.listenersFor(messageId).forEach(l -> safely(() -> l.deferred(messageId, reason, nextAttempt)));
            observers.forEach(l -> safely(() -> l.deferred(messageId, reason, nextAttempt)));
        }

        @Override
        public void failed(String messageId, String reason) {
            listeners.listenersFor(messageId).forEach(l -> safely(() -> l.failed(messageId, reason)));
            observers.forEach(l -> safely(() -> l.failed(messageId, reason)));
        }

        @Override
        public void attempted(DeliveryAttempt attempt) {
            listeners.listenersFor(attempt.messageId()).forEach(l -> safely(() -> l.attempted(attempt)));
            observers.forEach(l -> safely(() -> l.attempted(attempt)));
        }

        private void safely(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.warning(DeliveryMessages.listenerThrew(e));
            }
        }
    }
}
