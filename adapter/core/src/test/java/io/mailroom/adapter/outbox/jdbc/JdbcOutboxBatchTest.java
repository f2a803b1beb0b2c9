package io.mailroom.adapter.outbox.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.LogCapture;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Claims and settles in batches on a real PostgreSQL: a batch is one instance's (the other skips
 * it), bounded by rows and bytes; a settle statement for many rows changes only those still held;
 * every held row's lease is renewed; rows no worker takes are given back; a dead instance's batch
 * is taken over after its lease; close gives the batch back.
 */
class JdbcOutboxBatchTest {
    private static final Instant LATER = JdbcOutboxTest.LATER;

    private static List<OutboxMessage> messages(int count, String prefix) {
        List<OutboxMessage> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(JdbcOutboxTest.message(prefix + i));
        }
        return list;
    }

    /** @return {@code count} rows taken from {@code outbox} */
    private static List<OutboxEntry> take(JdbcOutbox outbox, int count) throws Exception {
        List<OutboxEntry> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(outbox.takeDue(LATER).orElseThrow());
        }
        return taken;
    }

    /** @return the Message-IDs of every row {@code outbox} hands out until it finds none */
    private static List<String> drain(JdbcOutbox outbox) throws Exception {
        List<String> ids = new ArrayList<>();
        for (Optional<OutboxEntry> e; (e = outbox.takeDue(LATER)).isPresent(); ) {
            ids.add(e.get().message().messageId());
        }
        return ids;
    }

    private static JdbcOutbox open(TestDatabase db, JdbcOptions options) throws Exception {
        return JdbcOutbox.open(db.dataSource(), db.url, options);
    }

    private static JdbcOptions options(String owner, int rows) {
        return JdbcOptions.defaults().withOwner(owner).withClaimBatch(rows, JdbcOptions.DEFAULT_CLAIM_BYTES);
    }

    @Test
    void aClaimedBatchIsHeldByItsOwnerAndSkippedByAnother() throws Exception {
        TestDatabase db = TestDatabase.create();
        try (JdbcOutbox a = open(db, options("a", 5));
             JdbcOutbox b = open(db, options("b", 5))) {
            a.commitOnePhase(messages(8, "m"));
            assertEquals("<m1@mailroom.test>", a.takeDue(LATER).orElseThrow().message().messageId());
            assertEquals(5, db.count("SELECT count(*) FROM mailroom_outbox WHERE claim_owner = 'a' AND fencing_token = 1"
                    + " AND lease_until > clock_timestamp()"), "one claim took five rows, each with its lease and token");
            assertEquals(List.of("<m6@mailroom.test>", "<m7@mailroom.test>", "<m8@mailroom.test>"), drain(b),
                    "b skips a's batch");
            assertEquals(List.of("<m2@mailroom.test>", "<m3@mailroom.test>", "<m4@mailroom.test>", "<m5@mailroom.test>"), drain(a),
                    "a hands out the rest of its batch, oldest first, and finds nothing more");
        }
    }

    @Test
    void aClaimStopsAtItsByteBoundButAlwaysTakesTheFirstRow() throws Exception {
        TestDatabase db = TestDatabase.create();
        int size = JdbcOutboxTest.message("s1").mime().length;
        try (JdbcOutbox twoAndAHalf = open(db,
                JdbcOptions.defaults().withOwner("bytes").withClaimBatch(16, size * 5L / 2));
             JdbcOutbox tiny = open(db,
                     JdbcOptions.defaults().withOwner("tiny").withClaimBatch(16, 1))) {
            twoAndAHalf.commitOnePhase(messages(6, "s"));
            twoAndAHalf.takeDue(LATER).orElseThrow();
            assertEquals(2, db.count("SELECT count(*) FROM mailroom_outbox WHERE claim_owner = 'bytes'"));
            tiny.takeDue(LATER).orElseThrow();
            assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE claim_owner = 'tiny'"),
                    "a row larger than the bound is claimed alone");
        }
    }

    /**
     * The first outcome's statement is held up; the outcomes that come meanwhile (one of them for a
     * row another instance took over) return at once and are settled by the next statement, which
     * leaves the taken-over row alone and names its Message-ID.
     */
    @Test
    void settlingABatchChangesOnlyTheRowsStillHeld() throws Exception {
        TestDatabase db = TestDatabase.create();
        Gate gate = new Gate(db.dataSource());
        ExecutorService settler = Executors.newSingleThreadExecutor();
        try (LogCapture log = new LogCapture(); JdbcOutbox a = JdbcOutbox.open(gate.dataSource(), db.url, options("a", 4))) {
            a.commitOnePhase(messages(4, "t"));
            List<OutboxEntry> taken = take(a, 4);
            db.execute("UPDATE mailroom_outbox SET claim_owner = 'b', fencing_token = fencing_token + 1,"
                    + " lease_until = clock_timestamp() + interval '1 hour' WHERE message_id = '<t3@mailroom.test>'");
            Future<?> first = settler.submit(() -> {
                gate.holdThisThread();
                a.delivered(taken.get(0).id());
                return null;
            });
            assertTrue(gate.awaitHeld(), "the first settle statement is waiting");
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                a.delivered(taken.get(1).id());
                a.deferred(taken.get(2).id(), LATER, "451 later");
                a.deferred(taken.get(3).id(), LATER, "451 later");
            }, "outcomes that come while a settle statement runs are queued, not waited for");
            gate.open();
            first.get(30, TimeUnit.SECONDS);
            assertEquals(2, gate.settleStatements(), "the three outcomes that queued were settled by one statement");
            assertEquals(2, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered' AND claim_owner = 'a'"
                    + " AND message_id IN ('<t1@mailroom.test>', '<t2@mailroom.test>')"));
            assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE message_id = '<t4@mailroom.test>'"
                    + " AND state = 'queued' AND attempts = 1 AND last_reason = '451 later' AND lease_until IS NULL"));
            assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE message_id = '<t3@mailroom.test>'"
                    + " AND state = 'queued' AND claim_owner = 'b' AND fencing_token = 2 AND attempts = 0"
                    + " AND last_reason IS NULL AND lease_until > clock_timestamp() + interval '50 minutes'"),
                    "the row taken over is the other instance's, untouched");
            assertTrue(log.text().contains("MAILROOM-5055 outbox entry " + taken.get(2).id() + " (Message-ID <t3@mailroom.test>)"),
                    "logged with its Message-ID: " + log.text());
        } finally {
            gate.open();
            settler.shutdownNow();
        }
    }

    @Test
    void everyRowOfABatchBeingDeliveredHasItsLeaseRenewed() throws Exception {
        TestDatabase db = TestDatabase.create();
        Duration lease = Duration.ofMillis(600);
        try (JdbcOutbox slow = open(db, options("slow", 4).withLease(lease));
             JdbcOutbox other = open(db, options("other", 4))) {
            slow.commitOnePhase(messages(4, "r"));
            List<OutboxEntry> taken = take(slow, 4);
            long end = System.nanoTime() + 4 * lease.toNanos();
            while (System.nanoTime() < end) {
                assertTrue(other.takeDue(LATER).isEmpty(), "a row of the batch was taken over while it was being delivered");
                Thread.sleep(50);
            }
            assertEquals(4, db.count("SELECT count(*) FROM mailroom_outbox WHERE claim_owner = 'slow' AND fencing_token = 1"
                    + " AND lease_until > clock_timestamp()"), "all four still held, with their first claim");
            for (OutboxEntry e : taken) {
                slow.delivered(e.id());
            }
            assertEquals(4, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered'"));
        }
    }

    @Test
    void rowsNoWorkerTakesAreGivenBackBeforeTheirLeaseRunsOut() throws Exception {
        TestDatabase db = TestDatabase.create();
        Duration lease = Duration.ofMillis(3000);
        JdbcOutbox other = open(db, options("other", 4));
        try (other; JdbcOutbox paused = open(db, options("paused", 4).withLease(lease))) {
            paused.commitOnePhase(messages(4, "p"));
            long claimed = System.nanoTime();
            OutboxEntry inHand = paused.takeDue(LATER).orElseThrow();
            // given back at the first renewal tick after they waited a third of the lease (1 s): by ~2 s
            List<String> taken = new ArrayList<>();
            while (taken.size() < 3 && System.nanoTime() - claimed < lease.toNanos() - 200_000_000L) {
                other.takeDue(LATER).ifPresent(e -> taken.add(e.message().messageId()));
                Thread.sleep(100);
            }
            assertEquals(List.of("<p2@mailroom.test>", "<p3@mailroom.test>", "<p4@mailroom.test>"), taken,
                    "the rows left waiting were given back");
            assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE claim_owner = 'paused'"
                    + " AND lease_until > clock_timestamp() + interval '1 second' AND id = " + inHand.id()),
                    "the row being delivered stays held, renewed");
        }
    }

    @Test
    void aDeadInstancesBatchIsTakenOverWhenItsLeaseRunsOut() throws Exception {
        TestDatabase db = TestDatabase.create();
        JdbcOutbox dead = open(db,
                options("dead", 4).withLease(Duration.ofMillis(500)).withRenewal(false));
        try (JdbcOutbox survivor = open(db, options("survivor", 4))) {
            dead.commitOnePhase(messages(4, "d"));
            OutboxEntry inHand = dead.takeDue(LATER).orElseThrow();
            assertTrue(survivor.takeDue(LATER).isEmpty(), "held while the lease runs");
            Thread.sleep(700);
            List<Long> taken = new ArrayList<>();
            for (Optional<OutboxEntry> e; (e = survivor.takeDue(LATER)).isPresent(); ) {
                taken.add(e.get().id());
                survivor.delivered(e.get().id());
            }
            assertEquals(4, taken.size(), "the row in hand and the three waiting");
            dead.delivered(inHand.id());
            assertEquals(4, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered'"
                    + " AND claim_owner = 'survivor' AND fencing_token = 2"), "the dead instance's late outcome changed nothing");
        }
    }

    @Test
    void closeGivesTheWholeBatchBack() throws Exception {
        TestDatabase db = TestDatabase.create();
        JdbcOutbox closing = open(db, options("closing", 4));
        closing.commitOnePhase(messages(4, "c"));
        closing.takeDue(LATER).orElseThrow();
        closing.close();
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox WHERE claim_owner IS NOT NULL OR lease_until IS NOT NULL"));
        try (JdbcOutbox other = open(db, options("other", 4))) {
            for (int i = 0; i < 4; i++) {
                assertTrue(other.takeDue(LATER).isPresent());
            }
        }
    }

    /**
     * A DataSource ({@link #dataSource()}) that holds one thread's {@code getConnection} until
     * opened, and counts the settle statements prepared.
     */
    private static final class Gate {
        private final DataSource target;
        private final CountDownLatch opened = new CountDownLatch(1);
        private final CountDownLatch held = new CountDownLatch(1);
        private final AtomicInteger settles = new AtomicInteger();
        private volatile Thread holding;

        Gate(DataSource target) {
            this.target = target;
        }

        void holdThisThread() {
            holding = Thread.currentThread();
        }

        boolean awaitHeld() throws InterruptedException {
            return held.await(10, TimeUnit.SECONDS);
        }

        void open() {
            opened.countDown();
        }

        int settleStatements() {
            return settles.get();
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection") || args != null) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        if (Thread.currentThread() == holding) {
                            held.countDown();
                            opened.await(30, TimeUnit.SECONDS);
                        }
                        return counting(target.getConnection());
                    });
        }

        private Connection counting(Connection c) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement") && OutboxSql.SETTLE_BATCH.equals(args[0])) {
                            settles.incrementAndGet();
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
