package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.util.List;
import java.util.Set;

/**
 * The transaction-facing side of an outbox: buffers messages per branch in memory and moves them
 * into the durable {@link Outbox} at prepare or one-phase commit. Shared by every managed
 * connection of one connection factory, and by the XAResource that Liberty creates for recovery.
 */
public final class TransactionalOutbox {
    private final Outbox outbox;
    private final PendingBranches pending = new PendingBranches();
    private final BranchOutcome onCommit;

    public TransactionalOutbox(Outbox outbox, BranchOutcome onCommit) {
        this.outbox = outbox;
        this.onCommit = onCommit;
    }

    /** Buffers a message on a branch; it goes nowhere unless the branch commits. */
    public void buffer(String branch, OutboxMessage message) {
        pending.add(branch, message);
    }

    /**
     * Forces the branch's messages to the outbox as prepared.
     *
     * @return {@code false} if the branch sent nothing (the XA "read-only" vote)
     */
    public boolean prepare(String branch) throws OutboxException {
        List<OutboxMessage> messages = pending.remove(branch);
        if (messages.isEmpty()) {
            return false;
        }
        outbox.prepare(branch, messages);
        return true;
    }

    /** Forces the branch's messages to the outbox, ready for delivery. */
    public void commitOnePhase(String branch) throws OutboxException {
        List<OutboxMessage> messages = pending.remove(branch);
        if (!messages.isEmpty()) {
            outbox.commitOnePhase(messages);
            onCommit.committed();
        }
    }

    /** Makes a prepared branch deliverable. */
    public void commitPrepared(String branch) throws OutboxException {
        outbox.commitPrepared(branch);
        onCommit.committed();
    }

    /** Discards the branch, whether it was only buffered or already prepared. */
    public void rollback(String branch) throws OutboxException {
        pending.remove(branch);
        outbox.rollbackPrepared(branch);
    }

    /** Enqueues durably without a transaction: delivered asynchronously. */
    public void enqueue(OutboxMessage message) throws OutboxException {
        outbox.commitOnePhase(List.of(message));
        onCommit.committed();
    }

    /** @return the prepared branches that are still in doubt, for {@code recover()} */
    public Set<String> inDoubt() {
        return outbox.preparedBranches();
    }
}
