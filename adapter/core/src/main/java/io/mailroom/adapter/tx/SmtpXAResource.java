package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.OutboxException;

import java.util.Set;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA branch of one managed connection. Between {@code start} and {@code end} every message
 * sent on the connection is buffered on the branch; {@code prepare} and one-phase {@code commit}
 * force them to the outbox; {@code rollback} drops them. All durable state is in the outbox, so
 * {@link #recover(int)} works on a freshly created instance (Open Liberty recovers that way).
 */
public final class SmtpXAResource implements XAResource {
    private final TransactionalOutbox outbox;
    private volatile String currentBranch;
    private volatile int timeoutSeconds;

    public SmtpXAResource(TransactionalOutbox outbox) {
        this.outbox = outbox;
    }

    /** @return the branch messages are buffered on now, or {@code null} outside a transaction */
    public String currentBranch() {
        return currentBranch;
    }

    @Override
    public void start(Xid xid, int flags) {
        currentBranch = XidCodec.encode(xid);
    }

    @Override
    public void end(Xid xid, int flags) {
        currentBranch = null;
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        try {
            return outbox.prepare(XidCodec.encode(xid)) ? XA_OK : XA_RDONLY;
        } catch (OutboxException e) {
            throw xaException(XAException.XA_RBOTHER, e);
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        String branch = XidCodec.encode(xid);
        try {
            if (onePhase) {
                outbox.commitOnePhase(branch);
            } else {
                outbox.commitPrepared(branch);
            }
        } catch (OutboxException e) {
            // One phase: nothing was stored, so the branch rolled back. Two phase: try again later.
            throw xaException(onePhase ? XAException.XA_RBOTHER : XAException.XAER_RMFAIL, e);
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        try {
            outbox.rollback(XidCodec.encode(xid));
        } catch (OutboxException e) {
            throw xaException(XAException.XAER_RMFAIL, e);
        }
    }

    @Override
    public Xid[] recover(int flag) {
        if ((flag & TMSTARTRSCAN) == 0) {
            return new Xid[0];
        }
        Set<String> branches = outbox.inDoubt();
        return branches.stream().map(XidCodec::decode).toArray(Xid[]::new);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        rollback(xid);
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof SmtpXAResource x && x.outbox == outbox;
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        this.timeoutSeconds = seconds;
        return true;
    }

    private static XAException xaException(int code, Exception cause) {
        XAException e = new XAException(cause.getMessage());
        e.errorCode = code;
        e.initCause(cause);
        return e;
    }
}
