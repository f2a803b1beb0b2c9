package io.mailroom.adapter.tx;

import jakarta.resource.ResourceException;

/**
 * Finds the transactional outbox as it is now. Asked on every call rather than kept, so an
 * XAResource made before the resource adapter restarted works with the outbox sends use after it.
 */
@FunctionalInterface
public interface OutboxSource {
    /** @throws ResourceException if the outbox cannot be opened or the adapter is stopped */
    TransactionalOutbox get() throws ResourceException;
}
