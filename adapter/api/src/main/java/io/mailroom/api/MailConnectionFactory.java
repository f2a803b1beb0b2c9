package io.mailroom.api;

import jakarta.resource.Referenceable;
import java.io.Serializable;
import java.util.List;

/**
 * The connection factory an application looks up in JNDI (for example {@code mail/mailroom}).
 * Each {@link #getConnection()} takes a connection from the server's pool. Behind each factory is
 * a durable outbox with its own delivery workers, for mail sent inside transactions and mail
 * {@linkplain MailConnection#enqueue enqueued} without one.
 */
public interface MailConnectionFactory extends Serializable, Referenceable {

    /**
     * Takes a connection from the pool. The SMTP connection is opened on first use, not here.
     *
     * @return a handle; close it when done
     * @throws MailException if the pool cannot supply a connection (for example, it is exhausted
     *                       and the wait timed out)
     */
    MailConnection getConnection();

    /**
     * @return the counts of queued, deferred, in-doubt and dead messages, and the newest dead
     *         letters with their reasons
     */
    OutboxStatus outboxStatus();

    /**
     * Registers a listener for what happens to queued mail after commit: the mail of the calling
     * application only, known by the calling thread's context class loader (each application in
     * a server has its own), even when several applications share this factory. For mail queued
     * before a restart the application is unknown: its events go to the listeners if one
     * application registered them all, else to none. Events come on the adapter's delivery
     * threads: hand slow work to an executor of the application's.
     *
     * @param listener the listener; registering the same one twice has no effect
     */
    void addDeliveryListener(DeliveryListener listener);

    /** @param listener a listener registered before; unknown listeners are ignored */
    void removeDeliveryListener(DeliveryListener listener);

    /**
     * The messages this factory kept instead of sending, when its {@code deliveryMethod} is
     * {@code capture} (development: nothing leaves the server). Bounded: the oldest make room
     * beyond 500 messages or 64 MB.
     *
     * @return the captured messages, oldest first; empty for every other delivery method
     */
    default List<CapturedMessage> capturedMessages() {
        return List.of();
    }

    /**
     * The state of this factory's outbox and delivery, for health checks: fill level, whether the
     * directory and journal work, the oldest due message and the last delivery progress.
     *
     * @return the state now
     * @throws MailException if the outbox cannot be opened
     * @throws UnsupportedOperationException if this factory keeps no outbox
     */
    default OutboxHealth outboxHealth() {
        throw new UnsupportedOperationException("outboxHealth");
    }

    /**
     * Operator access to this factory's outbox: list, headers, requeue and delete dead letters,
     * pause and resume delivery. Checks no permission itself; see {@link OutboxAdmin}.
     *
     * @return the admin view of this factory's outbox
     * @throws MailException if the outbox cannot be opened
     * @throws UnsupportedOperationException if this factory keeps no outbox
     */
    default OutboxAdmin outboxAdmin() {
        throw new UnsupportedOperationException("outboxAdmin");
    }

    /**
     * Whether the SMTP server of this factory accepts a TCP connection now, within its connect
     * timeout. Always {@code true} for a delivery method other than {@code smtp}. Opens and closes
     * one socket; sends nothing.
     *
     * @return whether the server could be reached
     * @throws UnsupportedOperationException if this factory cannot tell
     */
    default boolean serverReachable() {
        throw new UnsupportedOperationException("serverReachable");
    }

    /**
     * How many SMTP connections this factory's delivery workers hold now, each busy with a
     * message or waiting for the next; for a metric. Connections of the server's pool that
     * applications send on directly are the server's to count.
     *
     * @return the delivery connections open and held by a worker
     * @throws UnsupportedOperationException if this factory cannot tell
     */
    default int deliveryConnectionsInUse() {
        throw new UnsupportedOperationException("deliveryConnectionsInUse");
    }
}
