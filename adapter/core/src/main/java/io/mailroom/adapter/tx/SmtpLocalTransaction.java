package io.mailroom.adapter.tx;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import java.util.UUID;
import javax.transaction.xa.XAException;

/**
 * A resource-local transaction on one managed connection (when the connection factory is
 * configured for LocalTransaction support): {@code commit} stores the buffered messages durably
 * in one step, {@code rollback} drops them. A commit whose outcome is unknown (the disk failed to
 * force it) fails with {@code MAILROOM-2046}: its messages may be delivered after a restart.
 */
public final class SmtpLocalTransaction implements LocalTransaction {
    private final OutboxSource source;
    private volatile String currentBranch;

    public SmtpLocalTransaction(OutboxSource source) {
        this.source = source;
    }

    /** @return the branch messages are buffered on now, or {@code null} outside a transaction */
    public String currentBranch() {
        return currentBranch;
    }

    @Override
    public void begin() throws ResourceException {
        String branch = TransactionalOutbox.LOCAL_BRANCH_PREFIX + UUID.randomUUID();
        try {
            source.get().start(branch, 0);
        } catch (XAException e) {
            throw new ResourceException(e.getMessage(), e);
        }
        currentBranch = branch;
    }

    @Override
    public void commit() throws ResourceException {
        String branch = finish();
        try {
            source.get().commitOnePhase(branch);
        } catch (XAException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    @Override
    public void rollback() throws ResourceException {
        String branch = finish();
        try {
            source.get().rollback(branch);
        } catch (XAException e) {
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
