package io.mailroom.adapter.outbox.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.work.RecordingWorkLauncher;
import io.mailroom.adapter.work.StandaloneWorkLauncher;
import io.mailroom.adapter.work.WorkLauncher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Lease renewal on a real PostgreSQL: a delivery that runs for several leases is not taken over
 * while its instance renews, is taken over without renewal, and a renewal that finds the row taken
 * over leaves the other instance's claim alone.
 */
class JdbcLeaseRenewalTest {
    private static final Instant LATER = JdbcOutboxTest.LATER;
    private static final Duration LEASE = Duration.ofMillis(600);
    /** The delivery's length: four leases. */
    private static final long DELIVERY_MILLIS = 2400;

    @Test
    void longDeliveryWithShortLeaseIsNotTakenOver() throws Exception {
        TestDatabase db = TestDatabase.create();
        Optional<OutboxEntry> takenOver = slowDelivery(db, JdbcOptions.defaults().withOwner("slow").withLease(LEASE));
        assertTrue(takenOver.isEmpty(), "taken over during a delivery of " + DELIVERY_MILLIS + " ms with a "
                + LEASE.toMillis() + " ms lease: " + takenOver);
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered' AND claim_owner = 'slow'"
                + " AND fencing_token = 1"), "delivered by the slow instance, claimed once");
    }

    @Test
    void renewalRunsAsLongRunningWorkOfTheGivenLauncherAndEndsWhenTheOutboxCloses() throws Exception {
        TestDatabase db = TestDatabase.create();
        RecordingWorkLauncher launcher = new RecordingWorkLauncher();
        Optional<OutboxEntry> takenOver = slowDelivery(db, JdbcOptions.defaults().withOwner("slow").withLease(LEASE), launcher);
        assertTrue(takenOver.isEmpty(), "the launched renewal kept the lease: " + takenOver);
        RecordingWorkLauncher.Launched renewal = launcher.launched().get(0);
        assertEquals(1, launcher.launched().size(), launcher.launched().toString());
        assertEquals(LeaseRenewal.NAME, renewal.longRunningName(), "launched as long-running work");
        assertTrue(renewal.awaitEnded(1_000), "the renewal's work outlived its closed outbox");
    }

    @Test
    void releasingTheRenewalsWorkEndsItAndTheLeaseThenRunsOut() throws Exception {
        TestDatabase db = TestDatabase.create();
        RecordingWorkLauncher launcher = new RecordingWorkLauncher();
        try (JdbcOutbox slow = JdbcOutbox.open(db.dataSource(), db.url,
                JdbcOptions.defaults().withOwner("slow").withLease(LEASE), launcher);
             JdbcOutbox other = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withOwner("other"))) {
            slow.commitOnePhase(List.of(JdbcOutboxTest.message("released")));
            slow.takeDue(LATER).orElseThrow();
            RecordingWorkLauncher.Launched renewal = launcher.launched().get(0);

            renewal.work().release(); // what the server does when the adapter stops

            assertTrue(renewal.awaitEnded(1_000), "a released renewal went on");
            assertTrue(pollWhileDelivering(other).isPresent(), "the lease was still renewed after release()");
        }
    }

    @Test
    void aRefusedRenewalFailsTheOpenWithItsId() throws Exception {
        TestDatabase db = TestDatabase.create();
        OutboxException e = assertThrows(OutboxException.class, () -> JdbcOutbox.open(db.dataSource(), db.url,
                JdbcOptions.defaults(), RecordingWorkLauncher.refusing()));
        assertTrue(e.getMessage().startsWith("MAILROOM-5082 "), e.getMessage());
        try (JdbcOutbox withoutRenewal = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withRenewal(false),
                RecordingWorkLauncher.refusing())) {
            assertFalse(withoutRenewal.owner().isEmpty(), "without renewal nothing is launched");
        }
    }

    @Test
    void withoutRenewalTheSameDeliveryIsTakenOver() throws Exception {
        TestDatabase db = TestDatabase.create();
        Optional<OutboxEntry> takenOver = slowDelivery(db,
                JdbcOptions.defaults().withOwner("slow").withLease(LEASE).withRenewal(false));
        assertTrue(takenOver.isPresent(), "a fixed lease shorter than the delivery lets another instance take it");
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'queued' AND fencing_token = 2"
                + " AND attempts = 0"), "the slow instance's late outcome changed nothing (the other instance released it)");
    }

    @Test
    void renewalFindingTheRowTakenOverLeavesItAndSettlesNothing() throws Exception {
        TestDatabase db = TestDatabase.create();
        try (JdbcOutbox slow = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withOwner("slow").withLease(LEASE))) {
            slow.commitOnePhase(List.of(JdbcOutboxTest.message("stolen")));
            OutboxEntry entry = slow.takeDue(LATER).orElseThrow();
            // what a claim by another instance writes, as if this one had paused past its lease
            db.execute("UPDATE mailroom_outbox SET claim_owner = 'other', fencing_token = fencing_token + 1,"
                    + " lease_until = clock_timestamp() + interval '1 hour'");
            Thread.sleep(3 * LEASE.toMillis() / 2);
            slow.deferred(entry.id(), LATER, "421 try later");
            slow.delivered(entry.id());
            assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'queued' AND claim_owner = 'other'"
                    + " AND fencing_token = 2 AND attempts = 0 AND lease_until > clock_timestamp() + interval '50 minutes'"),
                    "the other instance's claim and lease are untouched");
        }
    }

    /**
     * One message claimed by instance "slow" ({@code options}) and delivered after
     * {@code DELIVERY_MILLIS}, while instance "other" tries to claim it.
     *
     * @return what "other" claimed, if anything
     */
    private static Optional<OutboxEntry> slowDelivery(TestDatabase db, JdbcOptions options) throws Exception {
        return slowDelivery(db, options, StandaloneWorkLauncher.INSTANCE);
    }

    private static Optional<OutboxEntry> slowDelivery(TestDatabase db, JdbcOptions options, WorkLauncher launcher)
            throws Exception {
        try (JdbcOutbox slow = JdbcOutbox.open(db.dataSource(), db.url, options, launcher);
             JdbcOutbox other = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withOwner("other"))) {
            slow.commitOnePhase(List.of(JdbcOutboxTest.message("long")));
            OutboxEntry entry = slow.takeDue(LATER).orElseThrow();
            Optional<OutboxEntry> takenOver = pollWhileDelivering(other);
            slow.delivered(entry.id());
            return takenOver;
        }
    }

    /** Polls {@code other} for the row during the slow delivery; stops at the first claim. */
    private static Optional<OutboxEntry> pollWhileDelivering(JdbcOutbox other) throws Exception {
        long end = System.nanoTime() + DELIVERY_MILLIS * 1_000_000;
        while (System.nanoTime() < end) {
            Optional<OutboxEntry> taken = other.takeDue(LATER);
            if (taken.isPresent()) {
                return taken;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }
}
