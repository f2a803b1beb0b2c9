package io.mailroom.adapter.tx;

import io.mailroom.api.MailException;

import jakarta.resource.ResourceException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA branch of one managed connection. Between {@code start} and {@code end} every message
 * sent on the connection is buffered on the branch; {@code prepare} and one-phase {@code commit}
 * force them to the outbox; {@code rollback} drops them. All durable state is in the outbox, so
 * {@link #recover(int)} works on a freshly created instance (Open Liberty recovers that way). The
 * outbox is looked up on every call ({@link OutboxSource}), never kept across an adapter restart.
 *
 * <p>As the XA specification asks: {@code start} takes {@code TMNOFLAGS} (a new branch,
 * {@code XAER_DUPID} if it exists), {@code TMJOIN} and {@code TMRESUME} (an existing one,
 * {@code XAER_NOTA} if not); {@code end} takes {@code TMSUCCESS}, {@code TMSUSPEND} and
 * {@code TMFAIL}, which marks the branch rollback-only: sends on this connection then fail until
 * the branch ends, and {@code prepare} or {@code commit} roll it back ({@code XA_RBROLLBACK}).
 * An empty branch votes {@code XA_RDONLY}. Completing or forgetting an unknown branch is
 * {@code XAER_NOTA}. {@link #setTransactionTimeout} applies to branches started afterwards: one
 * past its timeout rolls back ({@code XA_RBTIMEOUT}). One-phase commit reports a failure that
 * stored nothing as {@code XA_RBOTHER} and one whose outcome is unknown as {@code XA_HEURHAZ}
 * (then {@code forget} is expected); see {@link TransactionalOutbox}.
 */
public final class SmtpXAResource implements XAResource {
    private static final int START_FLAGS = TMJOIN | TMRESUME;
    private static final int SCAN_FLAGS = TMSTARTRSCAN | TMENDRSCAN;

    private final OutboxSource source;
    private volatile String currentBranch;
    private volatile String failedBranch;
    private volatile int timeoutSeconds;
    private volatile boolean scanning;

    public SmtpXAResource(OutboxSource source) {
        this.source = source;
    }

    /**
     * @return the branch messages are buffered on now, or {@code null} outside a transaction
     * @throws MailException if the last branch ended with {@code TMFAIL} and has not ended yet:
     *                       sending now would escape its rollback
     */
    public String branchForSend() {
        String branch = currentBranch;
        String failed = failedBranch;
        if (branch == null && failed != null) {
            TransactionalOutbox outbox = outboxOrNull();
            if (outbox != null && outbox.isRollbackOnly(failed)) {
                throw new MailException(TxMessages.rollbackOnly(failed));
            }
            failedBranch = null;
        }
        return branch;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        String branch = XidCodec.encode(xid);
        if ((flags & ~START_FLAGS) != 0 || flags == START_FLAGS) {
            throw TransactionalOutbox.xa(XAException.XAER_INVAL, TxMessages.invalidFlags("start", flags), null);
        }
        if (currentBranch != null) {
            throw TransactionalOutbox.xa(XAException.XAER_PROTO,
                    TxMessages.protocol("start while associated with " + currentBranch), null);
        }
        TransactionalOutbox outbox = outbox();
        if (flags == TMNOFLAGS) {
            outbox.start(branch, timeoutSeconds);
        } else {
            outbox.requireStarted(branch);
        }
        failedBranch = null;
        currentBranch = branch;
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        String branch = XidCodec.encode(xid);
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND) {
            throw TransactionalOutbox.xa(XAException.XAER_INVAL, TxMessages.invalidFlags("end", flags), null);
        }
        TransactionalOutbox outbox = outbox();
        outbox.requireStarted(branch);
        if (branch.equals(currentBranch)) {
            currentBranch = null;
        }
        if (flags == TMFAIL) {
            outbox.markRollbackOnly(branch);
            failedBranch = branch;
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return outbox().prepare(XidCodec.encode(xid)) ? XA_OK : XA_RDONLY;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        String branch = XidCodec.encode(xid);
        if (onePhase) {
            outbox().commitOnePhase(branch);
        } else {
            outbox().commitPrepared(branch);
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        outbox().rollback(XidCodec.encode(xid));
    }

    /** The whole list comes with {@code TMSTARTRSCAN}; later calls of the same scan return nothing more. */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & ~SCAN_FLAGS) != 0) {
            throw TransactionalOutbox.xa(XAException.XAER_INVAL, TxMessages.invalidFlags("recover", flag), null);
        }
        if ((flag & TMSTARTRSCAN) == 0 && !scanning) {
            throw TransactionalOutbox.xa(XAException.XAER_INVAL, TxMessages.protocol("recover without TMSTARTRSCAN"), null);
        }
        Xid[] found = new Xid[0];
        if ((flag & TMSTARTRSCAN) != 0) {
            found = outbox().inDoubt().stream().map(XidCodec::decode).toArray(Xid[]::new);
        }
        scanning = (flag & TMENDRSCAN) == 0;
        return found;
    }

    @Override
    public void forget(Xid xid) throws XAException {
        outbox().forget(XidCodec.encode(xid));
    }

    @Override
    public boolean isSameRM(XAResource other) {
        if (!(other instanceof SmtpXAResource x)) {
            return false;
        }
        TransactionalOutbox mine = outboxOrNull();
        return mine != null && mine == x.outboxOrNull();
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /** Applies to branches started afterwards; 0 goes back to the default, no timeout of our own. */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw TransactionalOutbox.xa(XAException.XAER_INVAL, TxMessages.negativeTimeout(seconds), null);
        }
        this.timeoutSeconds = seconds;
        return true;
    }

    private TransactionalOutbox outbox() throws XAException {
        try {
            return source.get();
        } catch (ResourceException e) {
            throw TransactionalOutbox.xa(XAException.XAER_RMFAIL, e.getMessage(), e);
        }
    }

    private TransactionalOutbox outboxOrNull() {
        try {
            return source.get();
        } catch (ResourceException e) {
            return null;
        }
    }
}
