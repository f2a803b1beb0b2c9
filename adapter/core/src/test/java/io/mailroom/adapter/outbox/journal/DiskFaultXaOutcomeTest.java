package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.Mail.dueTags;
import static io.mailroom.adapter.outbox.journal.Mail.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.journal.SimulatedDisk.Kind;
import io.mailroom.adapter.tx.SmtpLocalTransaction;
import io.mailroom.adapter.tx.SmtpXAResource;
import io.mailroom.adapter.tx.TransactionalOutbox;
import io.mailroom.adapter.tx.XidCodec;

import jakarta.resource.ResourceException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the transaction manager is told when the disk fails under a commit: a failed write stored
 * nothing, so a one-phase commit rolled back ({@code XA_RBOTHER}); a failed force may have stored
 * the record, so the outcome is unknown ({@code XA_HEURHAZ}, then {@code forget}), never a
 * rollback that replay could later contradict. Either way the outbox works again once the disk
 * does.
 */
class DiskFaultXaOutcomeTest {
    private static final Path DIR = Path.of("/simulated/xa").toAbsolutePath();
    private static final JournalOptions OPTIONS = JournalOptions.defaults().withMaxBytes(64 * 1024).withSegmentBytes(2048);

    private final SimulatedDisk disk = new SimulatedDisk();

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aOnePhaseCommitWhoseWriteFailedIsReportedRolledBack(String error) throws Exception {
        try (JournalOutbox journal = JournalOutbox.open(DIR, OPTIONS, disk)) {
            Tx tx = tx(journal);
            XAException e = onePhaseCommitWith(Kind.WRITE, error, tx, tx.branch("rolled-back"));

            assertEquals(XAException.XA_RBOTHER, e.errorCode, e.getMessage());
            healAndCommitAnother(tx, journal);
        }
        assertNeverDeliveredAfterACrash("rolled-back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aOnePhaseCommitWhoseForceFailedIsReportedAsHeuristicHazardNeverAsRollback(String error) throws Exception {
        try (JournalOutbox journal = JournalOutbox.open(DIR, OPTIONS, disk)) {
            Tx tx = tx(journal);
            Xid xid = tx.branch("unknown");
            XAException e = onePhaseCommitWith(Kind.FORCE, error, tx, xid);

            assertEquals(XAException.XA_HEURHAZ, e.errorCode, e.getMessage());
            assertTrue(e.getMessage().startsWith("MAILROOM-2046"), e.getMessage());
            tx.xa().forget(xid); // what a transaction manager does after a heuristic outcome
            assertEquals(XAException.XAER_NOTA, assertThrows(XAException.class, () -> tx.xa().forget(xid)).errorCode);
            healAndCommitAnother(tx, journal);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aCommitOfAPreparedBranchWhoseForceFailedAsksForRetryAndTheRetryCommits(String error) throws Exception {
        try (JournalOutbox journal = JournalOutbox.open(DIR, OPTIONS, disk)) {
            Tx tx = tx(journal);
            SmtpXAResource xa = tx.xa();
            Xid xid = tx.branch("two-phase");
            assertEquals(XAResource.XA_OK, xa.prepare(xid));
            disk.fail(Kind.FORCE, error);

            assertEquals(XAException.XAER_RMFAIL, assertThrows(XAException.class, () -> xa.commit(xid, false)).errorCode);
            disk.heal();
            xa.commit(xid, false); // the transaction manager retries the commit

            assertEquals(List.of("two-phase"), dueTags(journal));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aLocalTransactionWhoseForceFailedNamesTheUnknownOutcome(String error) throws Exception {
        try (JournalOutbox journal = JournalOutbox.open(DIR, OPTIONS, disk)) {
            TransactionalOutbox outbox = new TransactionalOutbox(journal, () -> { });
            SmtpLocalTransaction tx = new SmtpLocalTransaction(() -> outbox);
            tx.begin();
            outbox.buffer(tx.currentBranch(), message("local"));
            disk.fail(Kind.FORCE, error);

            ResourceException e = assertThrows(ResourceException.class, tx::commit);

            assertTrue(e.getMessage().startsWith("MAILROOM-2046") && e.getMessage().contains(error), e.getMessage());
        }
    }

    /** Makes the disk fail writes or forces, commits the branch in one phase, and returns what the manager is told. */
    private XAException onePhaseCommitWith(Kind fault, String error, Tx tx, Xid xid) {
        disk.fail(fault, error);
        return assertThrows(XAException.class, () -> tx.xa().commit(xid, true));
    }

    /** Heals the disk: the next transaction commits and is due, without reopening the outbox. */
    private void healAndCommitAnother(Tx tx, JournalOutbox journal) throws Exception {
        disk.heal();
        tx.xa().commit(tx.branch("next"), true);
        assertEquals(List.of("next"), dueTags(journal));
    }

    /** An XA resource and the transactional outbox its connection's sends buffer on. */
    private record Tx(TransactionalOutbox outbox, SmtpXAResource xa) {
        /** @return a started and ended branch with one message buffered on it, as an enlisted send leaves it */
        Xid branch(String tag) throws Exception {
            Xid xid = xid(tag + "-" + next++);
            xa.start(xid, XAResource.TMNOFLAGS);
            outbox.buffer(xa.branchForSend(), message(tag));
            xa.end(xid, XAResource.TMSUCCESS);
            return xid;
        }
    }

    private static int next;

    private static Tx tx(JournalOutbox journal) {
        TransactionalOutbox outbox = new TransactionalOutbox(journal, () -> { });
        return new Tx(outbox, new SmtpXAResource(() -> outbox));
    }

    /** @return an Xid as a transaction manager would make it, built by the adapter's own codec */
    private static Xid xid(String name) {
        return XidCodec.decode("42:" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.US_ASCII)) + ":01");
    }

    private void assertNeverDeliveredAfterACrash(String tag) throws Exception {
        disk.cutAfter(1);
        for (int seed = 0; seed < 20; seed++) {
            try (JournalOutbox journal = JournalOutbox.open(DIR, OPTIONS, disk.restart(new Random(seed)))) {
                assertTrue(!dueTags(journal).contains(tag), "seed " + seed);
            }
        }
    }
}
