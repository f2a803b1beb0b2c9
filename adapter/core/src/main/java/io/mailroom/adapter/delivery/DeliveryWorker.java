package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;

import jakarta.resource.spi.work.Work;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the outbox over one SMTP connection while there is due mail, then lingers briefly and
 * ends, so that no server thread is held while the outbox is idle (and a server stops at once).
 * What happens to each message is {@link EntryDelivery}'s. While delivery is paused it takes
 * nothing new, as if nothing were due.
 *
 * <p>When more than one message is due, no other worker idles and its connection would save round
 * trips by it (the server offers PIPELINING), it takes up to {@value #IN_TURN} at once and sends
 * them in turn, each message going out before the replies to the previous one have come (see
 * {@link DeliveryConnection#sendInTurn}): one round trip per message instead of two through DATA,
 * two messages per round trip instead of one with CHUNKING. An idle worker is better used: it sends
 * the next message over its own connection at the same time. A message's outcome is then recorded
 * a round trip later than alone, so a crash in that moment sends it again after the restart, the
 * window every delivery has between the server's reply and the record of it.
 */
final class DeliveryWorker implements Work {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    private static final long IDLE_WAIT_MILLIS = 200;
    /** The most messages one worker takes at once: enough to keep its connection busy, few enough to share. */
    static final int IN_TURN = 8;
    static final long LINGER_MILLIS = 2_000;

    private final Outbox outbox;
    private final DeliveryConnectionPool connections;
    private final EntryDelivery delivery;
    private final DeliverySignal signal;
    private final long lingerMillis;
    private final ExitListener onExit;
    private final BooleanSupplier paused;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean released;

    DeliveryWorker(Outbox outbox, DeliveryConnectionPool connections, EntryDelivery delivery, DeliverySignal signal,
                   long lingerMillis, ExitListener onExit, BooleanSupplier paused) {
        this.paused = paused;
        this.outbox = outbox;
        this.connections = connections;
        this.delivery = delivery;
        this.signal = signal;
        this.lingerMillis = lingerMillis;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        DeliveryConnection connection = connections.borrow();
        long seen = signal.generation();
        try {
            long idleSince = System.nanoTime();
            boolean woken = false;
            while (!released) {
                seen = signal.generation();
                List<OutboxEntry> due = paused.getAsBoolean() ? List.of() : takeDue(connection);
                if (!due.isEmpty()) {
                    if (woken) {
                        passOnWakeUp();
                        woken = false;
                    }
                    if (due.size() == 1) {
                        delivery.deliver(connection, due.get(0));
                    } else {
                        delivery.deliverInTurn(connection, due);
                    }
                    idleSince = System.nanoTime();
                } else if ((System.nanoTime() - idleSince) / 1_000_000 >= lingerMillis) {
                    return;
                } else {
                    signal.awaitAfter(seen, IDLE_WAIT_MILLIS);
                    woken = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (OutboxException | RuntimeException e) {
            LOG.log(Level.SEVERE, DeliveryMessages.workerStopped(e.getMessage()), e);
        } finally {
            connections.giveBack(connection);
            onExit.ended(this, released ? signal.generation() : seen);
        }
    }

    /** @return the due entries this worker takes now, oldest first: one, or up to {@link #IN_TURN} (see above) */
    private List<OutboxEntry> takeDue(DeliveryConnection connection) throws OutboxException {
        Instant now = clock.instant();
        Optional<OutboxEntry> first = outbox.takeDue(now);
        if (first.isEmpty()) {
            return List.of();
        }
        if (!connection.overlapsMessages() || signal.anyWaiting()) {
            return List.of(first.get());
        }
        List<OutboxEntry> due = new ArrayList<>(IN_TURN);
        due.add(first.get());
        try {
            for (Optional<OutboxEntry> next; due.size() < IN_TURN && (next = outbox.takeDue(now)).isPresent(); ) {
                due.add(next.get());
            }
        } catch (OutboxException e) {
            // The entries taken are delivered; the next look meets the failure again, alone, as before batches.
            LOG.log(Level.FINE, "taking more due entries failed; delivering the ones taken", e);
        }
        return due;
    }

    /**
     * A commit wakes one idle worker: if more mail is due than this one takes, and another worker
     * idles, it wakes that one, so the workers share a commit of many messages.
     */
    private void passOnWakeUp() {
        if (signal.anyWaiting() && outbox.nextDue().filter(due -> !due.isAfter(clock.instant())).isPresent()) {
            signal.signalOne();
        }
    }

    /** Stops after the messages in hand, if any; they are never abandoned half-settled. */
    @Override
    public void release() {
        released = true;
        signal.signalAll();
    }

    /** Told when a worker ends, with the signal generation of its last look at the outbox. */
    @FunctionalInterface
    interface ExitListener {
        void ended(DeliveryWorker worker, long seen);
    }
}
