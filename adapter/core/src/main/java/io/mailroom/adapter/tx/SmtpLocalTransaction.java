package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.OutboxException;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import java.util.UUID;

/**
 * A resource-local transaction on one managed connection (when the connection factory is
 * configured for LocalTransaction support): {@code commit} stores the buffered messages durably
 * in one step, {@code rollback} drops them.
 */
public final class SmtpLocalTransaction implements LocalTransaction {
    private final TransactionalOutbox outbox;
    private volatile String currentBranch;

    public SmtpLocalTransaction(TransactionalOutbox outbox) {
        this.outbox = outbox;
    }

    /** @return the branch messages are buffered on now, or {@code null} outside a transaction */
    public String currentBranch() {
        return currentBranch;
    }

    @Override
    public void begin() {
        currentBranch = "local:" + UUID.randomUUID();
    }

    @Override
    public void commit() throws ResourceException {
        String branch = finish();
        try {
            outbox.commitOnePhase(branch);
        } catch (OutboxException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    @Override
    public void rollback() throws ResourceException {
        String branch = finish();
        try {
            outbox.rollback(branch);
        } catch (OutboxException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    private String finish() throws ResourceException {
        String branch = currentBranch;
        if (branch == null) {
            throw new ResourceException(TxMessages.noLocalTransaction());
        }
        currentBranch = null;
        return branch;
    }
}
