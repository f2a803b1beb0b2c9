package io.mailroom.adapter.tx;

import static io.mailroom.adapter.tx.XaFixture.errorCode;
import static io.mailroom.adapter.tx.XaFixture.message;
import static io.mailroom.adapter.tx.XaFixture.xid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SmtpXAResource} against the XA specification's paths, on a real journal outbox. */
class SmtpXAResourceTest {
    @TempDir
    Path dir;

    private XaFixture fx;
    private SmtpXAResource xa;

    @BeforeEach
    void open() throws Exception {
        fx = new XaFixture(dir);
        xa = fx.resource();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Starts a branch, buffers the messages on it as a send on the enlisted connection would, ends it. */
    private Xid branchWith(String... subjects) throws XAException {
        Xid xid = xid();
        xa.start(xid, XAResource.TMNOFLAGS);
        for (String s : subjects) {
            fx.outbox.buffer(xa.branchForSend(), message(s));
        }
        xa.end(xid, XAResource.TMSUCCESS);
        return xid;
    }

    @Test
    void onePhaseCommitMakesTheMessagesDeliverable() throws Exception {
        xa.commit(branchWith("one"), true);
        assertEquals(List.of("<one@test>"), fx.deliverable());
    }

    @Test
    void twoPhaseCommitMakesTheMessagesDeliverableOnlyAfterCommit() throws Exception {
        Xid xid = branchWith("two");
        assertEquals(XAResource.XA_OK, xa.prepare(xid));
        assertEquals(List.of(), fx.deliverable());
        xa.commit(xid, false);
        assertEquals(List.of("<two@test>"), fx.deliverable());
    }

    @Test
    void anEmptyBranchVotesReadOnlyAndIsForgotten() throws Exception {
        Xid xid = branchWith();
        assertEquals(XAResource.XA_RDONLY, xa.prepare(xid));
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.commit(xid, false)));
        assertEquals(0, xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length);
    }

    @Test
    void completingAnUnknownBranchIsNota() {
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.commit(xid(), true)));
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.commit(xid(), false)));
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.rollback(xid())));
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.prepare(xid())));
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.end(xid(), XAResource.TMSUCCESS)));
    }

    @Test
    void startingAnExistingBranchAgainIsDupidAndJoiningOrResumingAnUnknownOneIsNota() throws Exception {
        Xid xid = branchWith("a");
        assertEquals(XAException.XAER_DUPID, errorCode(() -> fx.resource().start(xid, XAResource.TMNOFLAGS)));
        assertEquals(XAException.XAER_NOTA, errorCode(() -> fx.resource().start(xid(), XAResource.TMJOIN)));
        assertEquals(XAException.XAER_NOTA, errorCode(() -> fx.resource().start(xid(), XAResource.TMRESUME)));
        assertEquals(XAException.XAER_INVAL, errorCode(() -> fx.resource().start(xid(), XAResource.TMFAIL)));
        assertEquals(XAException.XAER_INVAL, errorCode(() -> xa.end(xid, XAResource.TMJOIN)));
    }

    @Test
    void aSecondConnectionJoiningTheBranchBuffersOnTheSameBranch() throws Exception {
        Xid xid = branchWith("first");
        SmtpXAResource other = fx.resource();
        assertTrue(other.isSameRM(xa));
        other.start(xid, XAResource.TMJOIN);
        fx.outbox.buffer(other.branchForSend(), message("second"));
        other.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);
        assertEquals(List.of("<first@test>", "<second@test>"), fx.deliverable());
    }

    @Test
    void aSuspendedBranchBuffersNothingUntilResumed() throws Exception {
        Xid xid = xid();
        xa.start(xid, XAResource.TMNOFLAGS);
        xa.end(xid, XAResource.TMSUSPEND);
        assertNull(xa.branchForSend(), "suspended: the connection is outside the transaction");
        xa.start(xid, XAResource.TMRESUME);
        fx.outbox.buffer(xa.branchForSend(), message("resumed"));
        xa.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);
        assertEquals(List.of("<resumed@test>"), fx.deliverable());
    }

    /** A branch with one message buffered whose association ended with {@code TMFAIL}. */
    private Xid failedBranch() throws XAException {
        Xid xid = xid();
        xa.start(xid, XAResource.TMNOFLAGS);
        fx.outbox.buffer(xa.branchForSend(), message("failed"));
        xa.end(xid, XAResource.TMFAIL);
        return xid;
    }

    @Test
    void afterEndWithTmfailASendFailsAndTheBranchOnlyRollsBack() throws Exception {
        Xid xid = failedBranch();

        MailException e = assertThrows(MailException.class, xa::branchForSend);
        assertTrue(e.getMessage().startsWith("MAILROOM-2041"), e.getMessage());
        assertEquals(XAException.XA_RBROLLBACK, errorCode(() -> xa.commit(xid, true)));
        assertNull(xa.branchForSend(), "once the branch ended, the connection sends outside a transaction again");
        assertEquals(List.of(), fx.deliverable());
    }

    @Test
    void aTmfailBranchVotesRollbackAtPrepare() throws Exception {
        Xid xid = failedBranch();
        assertEquals(XAException.XA_RBROLLBACK, errorCode(() -> xa.prepare(xid)));
        assertEquals(0, xa.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length);
    }

    @Test
    void rollbackDiscardsBufferedAndPreparedBranches() throws Exception {
        xa.rollback(branchWith("buffered"));
        Xid prepared = branchWith("prepared");
        xa.prepare(prepared);
        xa.rollback(prepared);
        assertEquals(List.of(), fx.deliverable());
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.rollback(prepared)));
    }

    @Test
    void recoverReturnsThePreparedBranchesOnceperScanAndWorksOnAFreshResource() throws Exception {
        Xid xid = branchWith("in-doubt");
        xa.prepare(xid);
        SmtpXAResource fresh = fx.resource();

        assertEquals(XAException.XAER_INVAL, errorCode(() -> fresh.recover(XAResource.TMNOFLAGS)));
        assertArrayEquals(new Xid[] {xid}, fresh.recover(XAResource.TMSTARTRSCAN));
        assertEquals(0, fresh.recover(XAResource.TMNOFLAGS).length);
        assertEquals(0, fresh.recover(XAResource.TMENDRSCAN).length);
        assertEquals(XAException.XAER_INVAL, errorCode(() -> fresh.recover(XAResource.TMENDRSCAN)));
        assertArrayEquals(new Xid[] {xid}, fresh.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN));
        assertEquals(XAException.XAER_INVAL, errorCode(() -> fresh.recover(XAResource.TMJOIN)));
        fresh.commit(xid, false);
        assertEquals(List.of("<in-doubt@test>"), fx.deliverable());
    }

    @Test
    void forgetDoesNotRollBackAPreparedBranch() throws Exception {
        Xid xid = branchWith("kept");
        xa.prepare(xid);
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.forget(xid)));
        xa.commit(xid, false);
        assertEquals(List.of("<kept@test>"), fx.deliverable());
    }

    @Test
    void aBranchPastItsTransactionTimeoutRollsBack() throws Exception {
        assertTrue(xa.setTransactionTimeout(30));
        assertEquals(30, xa.getTransactionTimeout());
        Xid xid = xid();
        xa.start(xid, XAResource.TMNOFLAGS);
        fx.outbox.buffer(xa.branchForSend(), message("late"));
        fx.nanos.addAndGet(31_000_000_000L);

        MailException e = assertThrows(MailException.class, () -> fx.outbox.buffer(xa.branchForSend(), message("later")));
        assertTrue(e.getMessage().startsWith("MAILROOM-2042"), e.getMessage());
        xa.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAException.XA_RBTIMEOUT, errorCode(() -> xa.prepare(xid)));
        assertEquals(List.of(), fx.deliverable());
    }

    @Test
    void aBranchWithinItsTimeoutCommitsAndZeroMeansNoTimeout() throws Exception {
        xa.setTransactionTimeout(30);
        Xid within = branchWith("within");
        fx.nanos.addAndGet(29_000_000_000L);
        xa.commit(within, true);
        assertTrue(xa.setTransactionTimeout(0));
        Xid unbounded = branchWith("unbounded");
        fx.nanos.addAndGet(86_400_000_000_000L);
        xa.commit(unbounded, true);
        assertEquals(List.of("<within@test>", "<unbounded@test>"), fx.deliverable());
        assertEquals(XAException.XAER_INVAL, errorCode(() -> xa.setTransactionTimeout(-1)));
    }

    @Test
    void anAbandonedBranchPastItsTimeoutIsDroppedWhenTheNextStarts() throws Exception {
        xa.setTransactionTimeout(5);
        Xid abandoned = xid();
        xa.start(abandoned, XAResource.TMNOFLAGS);
        fx.outbox.buffer(xa.branchForSend(), message("abandoned"));
        fx.nanos.addAndGet(6_000_000_000L);
        fx.resource().start(xid(), XAResource.TMNOFLAGS);
        assertEquals(XAException.XAER_NOTA, errorCode(() -> xa.end(abandoned, XAResource.TMSUCCESS)));
    }

    @Test
    void theResourceUsesTheOutboxAsItIsNowNotAsItWasWhenCreated() throws Exception {
        AtomicReference<TransactionalOutbox> current = new AtomicReference<>(fx.outbox);
        SmtpXAResource made = new SmtpXAResource(current::get);
        Path secondDir = dir.resolve("after-restart");
        try (XaFixture restarted = new XaFixture(secondDir)) {
            current.set(restarted.outbox); // the adapter restarted: sends now buffer on the new runtime
            Xid xid = xid();
            made.start(xid, XAResource.TMNOFLAGS);
            restarted.outbox.buffer(made.branchForSend(), message("after"));
            made.end(xid, XAResource.TMSUCCESS);
            made.commit(xid, true);
            assertEquals(List.of("<after@test>"), restarted.deliverable());
            assertFalse(made.isSameRM(xa), "another outbox is another resource manager");
        }
    }
}
