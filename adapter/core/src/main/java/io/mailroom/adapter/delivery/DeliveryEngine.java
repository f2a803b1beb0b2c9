package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.api.DeliveryListener;
import io.mailroom.api.SendReceipt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The delivery workers of one outbox. Started with the outbox; {@link #wake()} after a commit
 * makes idle workers look at once; {@link #stop} lets each finish the message in hand.
 */
public final class DeliveryEngine {
    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());

    private final Outbox outbox;
    private final Supplier<StoredMessageSender> senders;
    private final RetryPolicy retry;
    private final int workerCount;
    private final DeliverySignal signal = new DeliverySignal();
    private final CopyOnWriteArrayList<DeliveryListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DeliveryWorker> workers = new ArrayList<>();

    public DeliveryEngine(Outbox outbox, Supplier<StoredMessageSender> senders, RetryPolicy retry, int workerCount) {
        this.outbox = outbox;
        this.senders = senders;
        this.retry = retry;
        this.workerCount = workerCount;
    }

    /** Starts the workers; messages left from before a restart are delivered first (oldest first). */
    public synchronized void start(WorkLauncher launcher) throws Exception {
        DeliveryListener fanOut = new FanOut();
        for (int i = 0; i < workerCount; i++) {
            DeliveryWorker worker = new DeliveryWorker(outbox, senders.get(), retry, fanOut, signal, Clock.systemUTC());
            launcher.launch(worker);
            workers.add(worker);
        }
        LOG.info("MAILROOM-6002 " + workerCount + " delivery workers started; outbox " + outbox.stats());
    }

    /** Tells idle workers that mail became deliverable. */
    public void wake() {
        signal.signalAll();
    }

    /** Asks every worker to stop after its current message and waits up to {@code timeoutMillis}. */
    public synchronized void stop(long timeoutMillis) {
        workers.forEach(DeliveryWorker::release);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (workers.stream().anyMatch(DeliveryWorker::isRunning) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
    }

    public void addListener(DeliveryListener listener) {
        listeners.addIfAbsent(listener);
    }

    public void removeListener(DeliveryListener listener) {
        listeners.remove(listener);
    }

    /** Passes each event to every registered listener; one listener's failure does not stop the others. */
    private final class FanOut implements DeliveryListener {
        @Override
        public void sent(String messageId, SendReceipt receipt) {
            listeners.forEach(l -> safely(() -> l.sent(messageId, receipt)));
        }

        @Override
        public void deferred(String messageId, String reason, Instant nextAttempt) {
            listeners.forEach(l -> safely(() -> l.deferred(messageId, reason, nextAttempt)));
        }

        @Override
        public void failed(String messageId, String reason) {
            listeners.forEach(l -> safely(() -> l.failed(messageId, reason)));
        }

        private void safely(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.warning("MAILROOM-6003 a delivery listener threw: " + e);
            }
        }
    }
}
