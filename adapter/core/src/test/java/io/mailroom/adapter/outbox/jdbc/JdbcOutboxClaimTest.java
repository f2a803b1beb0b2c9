package io.mailroom.adapter.outbox.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two instances on one database: claims never overlap, expired leases are taken over, fencing refuses the old owner. */
class JdbcOutboxClaimTest {
    private static final Instant LATER = JdbcOutboxTest.LATER;

    @Test
    void twoInstancesNeverClaimTheSameRow() throws Exception {
        TestDatabase db = TestDatabase.create();
        int messages = 300;
        JdbcOutbox a = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withOwner("a"));
        JdbcOutbox b = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withOwner("b"));
        List<OutboxMessage> batch = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            batch.add(JdbcOutboxTest.message("m" + i));
        }
        a.commitOnePhase(batch);
        Map<Long, String> takenBy = new ConcurrentHashMap<>();
        List<String> twice = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                JdbcOutbox outbox = t % 2 == 0 ? a : b;
                workers.add(pool.submit(() -> {
                    Optional<OutboxEntry> entry;
                    while ((entry = outbox.takeDue(LATER)).isPresent()) {
                        String previous = takenBy.putIfAbsent(entry.get().id(), outbox.owner());
                        if (previous != null) {
                            synchronized (twice) {
                                twice.add(entry.get().id() + " by " + previous + " and " + outbox.owner());
                            }
                        }
                        outbox.delivered(entry.get().id());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            a.close();
            b.close();
        }
        long byA = takenBy.values().stream().filter("a"::equals).count();
        System.out.printf("JdbcOutboxClaimTest: %d messages, claimed by a %d, by b %d, twice %d%n", messages, byA,
                messages - byA, twice.size());
        assertEquals(0, twice.size(), "claimed twice, the first: " + twice.subList(0, Math.min(10, twice.size())));
        assertEquals(messages, takenBy.size());
        assertEquals(messages, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered'"));
        assertTrue(byA > 0 && byA < messages, "both instances delivered: a " + byA);
    }

    @Test
    void expiredLeaseIsTakenOverAndTheOldOwnerCannotSettle() throws Exception {
        TestDatabase db = TestDatabase.create();
        JdbcOutbox stalled = JdbcOutbox.open(db.dataSource(), db.url,
                JdbcOptions.defaults().withOwner("stalled").withLease(Duration.ofMillis(500)).withRenewal(false));
        JdbcOutbox survivor = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withOwner("survivor"));
        stalled.commitOnePhase(List.of(JdbcOutboxTest.message("lease")));
        OutboxEntry first = stalled.takeDue(LATER).orElseThrow();
        assertTrue(survivor.takeDue(LATER).isEmpty(), "held while the lease runs");
        Thread.sleep(700);
        OutboxEntry second = survivor.takeDue(LATER).orElseThrow();
        assertEquals(first.id(), second.id());
        assertEquals(2, db.count("SELECT fencing_token FROM mailroom_outbox"));

        stalled.narrow(first.id(), List.of("lease@example.org"));
        stalled.dead(first.id(), List.of("lease@example.org"), "550 late");
        stalled.delivered(first.id());
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'queued' AND claim_owner = 'survivor'"
                + " AND recipients = 'lease@example.org' || chr(10) || 'cc-lease@example.org'"), "the old owner changed nothing");
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_dead_letter"));

        survivor.delivered(second.id());
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered'"));
        stalled.close();
        survivor.close();
    }

    @Test
    void expiredLeaseMakesTheRowDueAgainForNextDue() throws Exception {
        TestDatabase db = TestDatabase.create();
        JdbcOutbox dead = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withLease(Duration.ofMillis(300)).withRenewal(false));
        dead.commitOnePhase(List.of(JdbcOutboxTest.message("n")));
        dead.takeDue(LATER).orElseThrow();
        Instant leaseEnd = dead.nextDue().orElseThrow();
        assertTrue(leaseEnd.isAfter(Instant.now().minusMillis(100)), "a held row is due when its lease ends: " + leaseEnd);
        Thread.sleep(400);
        JdbcOutbox other = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults());
        assertTrue(other.nextDue().orElseThrow().isBefore(Instant.now()));
        assertTrue(other.takeDue(Instant.now()).isPresent());
        other.close();
    }
}
