package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxInDoubtException;
import io.mailroom.adapter.outbox.OutboxMessage;

import io.mailroom.api.MailException;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.transaction.xa.XAException;

/**
 * The transaction-facing side of an outbox: buffers messages per branch and moves them into the
 * durable {@link Outbox} at prepare or one-phase commit. A buffered message's body is in memory
 * for a composed message and in a spool file for one given as a stream; each spool file is
 * {@linkplain io.mailroom.adapter.outbox.MessageBody#release() released} when its branch leaves:
 * once the outbox stored it (or failed to), on rollback, on timeout, and a message refused here
 * releases its own. Shared by every managed
 * connection of one connection factory, and by the XAResource that Liberty creates for recovery.
 *
 * <p>Failures are reported with the XA error codes the XA specification gives them, so the XA
 * resource and the local transaction only translate: an unknown branch is {@code XAER_NOTA}; a
 * branch marked rollback-only or past its timeout rolls back ({@code XA_RBROLLBACK},
 * {@code XA_RBTIMEOUT}); a one-phase commit that stored nothing is {@code XA_RBOTHER}, one whose
 * record may be on disk is {@code XA_HEURHAZ} and is remembered until {@link #forget}.
 */
public final class TransactionalOutbox {
    /** How local transactions' branch ids begin: they are buffered even when a {@link CallerTransactionStore} is given. */
    static final String LOCAL_BRANCH_PREFIX = "local:";

    private final Outbox outbox;
    /** With an outbox whose writes join the caller's JTA transaction; {@code null} for the journal. */
    private final CallerTransactionStore callerTransaction;
    private final PendingBranches pending;
    private final BranchOutcome onCommit;
    /** One-phase commits whose outcome is unknown, until the transaction manager forgets them. */
    private final Set<String> heuristic = ConcurrentHashMap.newKeySet();

    /** Once all open branches hold this many message bytes (in memory or spooled), further messages are refused. */
    private final long maxPendingBytes;

    public TransactionalOutbox(Outbox outbox, BranchOutcome onCommit) {
        this(outbox, onCommit, Long.MAX_VALUE);
    }

    /**
     * @param maxPendingBytes once all open transactions hold this many message bytes (in memory or
     *                        in spool files), further messages are refused until some prepare,
     *                        commit or roll back: all of them have to fit in the outbox at commit
     */
    public TransactionalOutbox(Outbox outbox, BranchOutcome onCommit, long maxPendingBytes) {
        this(outbox, onCommit, System::nanoTime, maxPendingBytes, null);
    }

    /**
     * @param callerTransaction where messages sent inside a JTA transaction go at once, on the
     *                          sending thread, instead of being buffered on Mailroom's branch
     */
    public TransactionalOutbox(Outbox outbox, BranchOutcome onCommit, long maxPendingBytes,
                               CallerTransactionStore callerTransaction) {
        this(outbox, onCommit, System::nanoTime, maxPendingBytes, callerTransaction);
    }

    TransactionalOutbox(Outbox outbox, BranchOutcome onCommit, LongSupplier nanoClock) {
        this(outbox, onCommit, nanoClock, Long.MAX_VALUE, null);
    }

    private TransactionalOutbox(Outbox outbox, BranchOutcome onCommit, LongSupplier nanoClock, long maxPendingBytes,
                                CallerTransactionStore callerTransaction) {
        this.outbox = outbox;
        this.callerTransaction = callerTransaction;
        this.onCommit = onCommit;
        this.pending = new PendingBranches(nanoClock);
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Starts a branch; branches past their timeout are rolled back first.
     *
     * @param timeoutSeconds after this the branch only rolls back; 0 for no timeout of its own
     * @throws XAException {@code XAER_DUPID} if it exists
     */
    void start(String branch, int timeoutSeconds) throws XAException {
        if (!pending.start(branch, timeoutSeconds)) {
            throw xa(XAException.XAER_DUPID, TxMessages.duplicateBranch(branch), null);
        }
    }

    /** @throws XAException {@code XAER_NOTA} if the branch was never started or has completed */
    void requireStarted(String branch) throws XAException {
        if (!pending.contains(branch)) {
            throw xa(XAException.XAER_NOTA, TxMessages.unknownBranch(branch), null);
        }
    }

    /** From now on the branch can only roll back (the application failed in it: {@code end(TMFAIL)}). */
    void markRollbackOnly(String branch) throws XAException {
        if (!pending.markRollbackOnly(branch)) {
            throw xa(XAException.XAER_NOTA, TxMessages.unknownBranch(branch), null);
        }
    }

    /** @return whether the branch is still pending and marked rollback-only */
    boolean isRollbackOnly(String branch) {
        return pending.isRollbackOnly(branch);
    }

    /**
     * Buffers a message on a branch; it goes nowhere unless the branch commits. With a
     * {@link CallerTransactionStore}, a JTA branch's message is stored at once through the
     * caller's transaction instead (a local transaction's is still buffered).
     *
     * @throws MailException naming the branch if it is rollback-only, timed out or unknown, or
     *                       {@code MAILROOM-5012} if the open branches already hold the bound:
     *                       the message is not sent, and its body is released
     */
    public void buffer(String branch, OutboxMessage message) {
        if (callerTransaction != null && !branch.startsWith(LOCAL_BRANCH_PREFIX)) {
            storeInCallerTransaction(branch, message);
            return;
        }
        long held = pending.bytes();
        if (held >= maxPendingBytes) {
            message.body().release();
            throw new MailException(TxMessages.pendingFull(message.body().size(), held));
        }
        if (!pending.add(branch, message)) {
            message.body().release();
            throw notActive(branch);
        }
    }

    /** @return the failure for a message sent on a branch that takes none: rollback-only, timed out or unknown */
    private MailException notActive(String branch) {
        return new MailException(pending.isRollbackOnly(branch) ? TxMessages.rollbackOnly(branch)
                : pending.contains(branch) ? TxMessages.timedOut(branch) : TxMessages.unknownBranch(branch));
    }

    /**
     * A JTA branch with an outbox that joins the caller's transaction: the message is stored now,
     * through the transaction, and the branch stays empty (read-only at prepare).
     */
    private void storeInCallerTransaction(String branch, OutboxMessage message) {
        try {
            if (!pending.isActive(branch)) {
                throw notActive(branch);
            }
            callerTransaction.insertInCallerTransaction(List.of(message));
        } catch (OutboxException e) {
            throw new MailException(e.getMessage(), e);
        } finally {
            message.body().release(); // stored (or refused): a spool file is no longer needed
        }
        onCommit.committed();
    }

    /**
     * Forces the branch's messages to the outbox as prepared.
     *
     * @return {@code false} if the branch sent nothing (the XA "read-only" vote); it is then forgotten
     */
    boolean prepare(String branch) throws XAException {
        List<OutboxMessage> messages = take(branch);
        if (messages.isEmpty()) {
            return false;
        }
        try {
            outbox.prepare(branch, messages);
        } catch (OutboxInDoubtException e) {
            // The record may be on disk: roll it back if it is, or recover() will offer it.
            throw xa(XAException.XAER_RMFAIL, e.getMessage(), e);
        } catch (OutboxException e) {
            throw xa(XAException.XA_RBOTHER, e.getMessage(), e);
        } finally {
            release(messages); // stored in the outbox, or rolled back: the spool files are done with
        }
        return true;
    }

    /** Forces the branch's messages to the outbox, ready for delivery. */
    void commitOnePhase(String branch) throws XAException {
        List<OutboxMessage> messages = take(branch);
        if (messages.isEmpty()) {
            return;
        }
        try {
            outbox.commitOnePhase(messages);
        } catch (OutboxInDoubtException e) {
            heuristic.add(branch);
            throw xa(XAException.XA_HEURHAZ, TxMessages.outcomeUnknown(branch, e.getMessage()), e);
        } catch (OutboxException e) {
            throw xa(XAException.XA_RBOTHER, e.getMessage(), e);
        } finally {
            release(messages);
        }
        onCommit.committed();
    }

    /** Makes a prepared branch deliverable; {@code XAER_RMFAIL} if that is not on disk yet (commit again). */
    void commitPrepared(String branch) throws XAException {
        completePrepared(branch, outbox::commitPrepared);
        onCommit.committed();
    }

    /** Discards the branch, whether it was only buffered or already prepared. */
    void rollback(String branch) throws XAException {
        PendingBranches.Branch b = pending.remove(branch);
        if (b != null) {
            PendingBranches.release(b);
            return;
        }
        completePrepared(branch, outbox::rollbackPrepared);
    }

    /** Commit or rollback of a prepared branch in the outbox. */
    private interface Completion {
        /** @return {@code false} if the branch is not prepared there */
        boolean run(String branch) throws OutboxException;
    }

    /** {@code XAER_NOTA} if the branch is not prepared; {@code XAER_RMFAIL} (try again) if the outbox failed. */
    private static void completePrepared(String branch, Completion completion) throws XAException {
        boolean known;
        try {
            known = completion.run(branch);
        } catch (OutboxException e) {
            throw xa(XAException.XAER_RMFAIL, e.getMessage(), e);
        }
        if (!known) {
            throw xa(XAException.XAER_NOTA, TxMessages.unknownBranch(branch), null);
        }
    }

    /** Forgets a branch completed heuristically; {@code XAER_NOTA} for any other. */
    void forget(String branch) throws XAException {
        if (!heuristic.remove(branch)) {
            throw xa(XAException.XAER_NOTA, TxMessages.unknownBranch(branch), null);
        }
    }

    /** Enqueues durably without a transaction: delivered asynchronously. */
    public void enqueue(OutboxMessage message) throws OutboxException {
        outbox.commitOnePhase(List.of(message));
        onCommit.committed();
    }

    /** @return the prepared branches that are still in doubt, for {@code recover()} */
    Set<String> inDoubt() {
        return outbox.preparedBranches();
    }

    /**
     * Removes a pending branch for completion; rolls it back instead (releasing its bodies) if it
     * may not commit. The caller releases the bodies of what it gets.
     */
    private List<OutboxMessage> take(String branch) throws XAException {
        PendingBranches.Branch b = pending.remove(branch);
        if (b == null) {
            throw xa(XAException.XAER_NOTA, TxMessages.unknownBranch(branch), null);
        }
        if (b.rollbackOnly || pending.timedOut(b)) {
            PendingBranches.release(b);
            throw b.rollbackOnly ? xa(XAException.XA_RBROLLBACK, TxMessages.rollbackOnly(branch), null)
                    : xa(XAException.XA_RBTIMEOUT, TxMessages.timedOut(branch), null);
        }
        return List.copyOf(b.messages);
    }

    private static void release(List<OutboxMessage> messages) {
        messages.forEach(m -> m.body().release());
    }

    static XAException xa(int code, String message, Exception cause) {
        XAException e = new XAException(message);
        e.errorCode = code;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
