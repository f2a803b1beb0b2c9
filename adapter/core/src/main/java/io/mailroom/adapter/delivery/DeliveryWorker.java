package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailDeliveryException;
import io.mailroom.api.MailException;
import io.mailroom.api.SendReceipt;
import jakarta.resource.spi.work.Work;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the outbox over one SMTP connection while there is due mail, then lingers briefly and
 * ends, so that no server thread is held while the outbox is idle (and a server stops at once).
 * A message leaves the outbox only after the server's {@code 250} for DATA; 4xx replies and
 * network errors defer it; 5xx replies, refused recipients and expiry move it to the dead letters
 * with the server's reply.
 */
final class DeliveryWorker implements Work {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    private static final long IDLE_WAIT_MILLIS = 200;
    static final long LINGER_MILLIS = 2_000;

    private final Outbox outbox;
    private final DeliveryConnectionPool connections;
    private final RetryPolicy retry;
    private final DeliveryListener listener;
    private final DeliverySignal signal;
    private final long lingerMillis;
    private final ExitListener onExit;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean released;

    DeliveryWorker(Outbox outbox, DeliveryConnectionPool connections, RetryPolicy retry, DeliveryListener listener,
                   DeliverySignal signal, long lingerMillis, ExitListener onExit) {
        this.outbox = outbox;
        this.connections = connections;
        this.retry = retry;
        this.listener = listener;
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
            while (!released) {
                seen = signal.generation();
                Optional<OutboxEntry> entry = outbox.takeDue(clock.instant());
                if (entry.isPresent()) {
                    deliver(connection, entry.get());
                    idleSince = System.nanoTime();
                } else if ((System.nanoTime() - idleSince) / 1_000_000 >= lingerMillis) {
                    return;
                } else {
                    signal.awaitAfter(seen, IDLE_WAIT_MILLIS);
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

    /** Stops after the message in hand, if any; it is never abandoned half-settled. */
    @Override
    public void release() {
        released = true;
        signal.signalAll();
    }

    private void deliver(DeliveryConnection connection, OutboxEntry entry) throws OutboxException {
        String messageId = entry.message().messageId();
        try {
            SendReceipt receipt = connection.send(entry.message());
            if (receipt.rejected().isEmpty()) {
                outbox.delivered(entry.id());
                listener.sent(messageId, receipt);
            } else {
                String reason = DeliveryMessages.partlyRefused(receipt.accepted(), receipt.rejected());
                outbox.dead(entry.id(), reason);
                listener.sent(messageId, receipt);
                listener.failed(messageId, reason);
            }
        } catch (MailDeliveryException e) {
            if (e.isTransient()) {
                defer(entry, e.getMessage());
            } else {
                fail(entry, e.getMessage());
            }
        } catch (MailConnectionException e) {
            defer(entry, e.getMessage());
        } catch (MailException e) {
            // The stored message itself is unusable (it cannot be parsed): retrying cannot help.
            fail(entry, e.getMessage());
        }
    }

    private void defer(OutboxEntry entry, String reason) throws OutboxException {
        int attempts = entry.attempts() + 1;
        Instant now = clock.instant();
        if (retry.givesUp(entry.enqueuedAt(), attempts, now)) {
            fail(entry, DeliveryMessages.expired(attempts, reason));
            return;
        }
        Instant next = now.plus(retry.delayAfter(attempts));
        outbox.deferred(entry.id(), next, reason);
        listener.deferred(entry.message().messageId(), reason, next);
    }

    /** Told when a worker ends, with the signal generation of its last look at the outbox. */
    @FunctionalInterface
    interface ExitListener {
        void ended(DeliveryWorker worker, long seen);
    }

    private void fail(OutboxEntry entry, String reason) throws OutboxException {
        outbox.dead(entry.id(), reason);
        LOG.warning(DeliveryMessages.deadLettered(entry.message().messageId(), reason));
        listener.failed(entry.message().messageId(), reason);
    }
}
