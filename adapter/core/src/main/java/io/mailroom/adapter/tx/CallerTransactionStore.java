package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.util.List;

/**
 * Stores messages through a resource the server enlists in the calling thread's JTA transaction
 * (the JDBC outbox's DataSource), so they commit or roll back with it and Mailroom's own XA branch
 * has nothing to do (it votes read-only). Called on the application's thread, inside the
 * transaction.
 */
@FunctionalInterface
public interface CallerTransactionStore {
    /** @throws OutboxException if nothing could be stored, naming the DataSource and why */
    void insertInCallerTransaction(List<OutboxMessage> messages) throws OutboxException;
}
