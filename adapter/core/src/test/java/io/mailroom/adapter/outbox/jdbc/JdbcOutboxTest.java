package io.mailroom.adapter.outbox.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.OutboxStats;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDBC outbox on a real PostgreSQL: storing, transactions, settling, dead letters, purging. */
class JdbcOutboxTest {
    static final Instant LATER = Instant.now().plusSeconds(3600);

    private TestDatabase db;
    private JdbcOutbox outbox;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.create();
        outbox = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults());
    }

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    static OutboxMessage message(String tag) {
        String mime = "From: sender@example.com\r\nTo: " + tag + "@example.org\r\nSubject: " + tag
                + "\r\nMessage-ID: <" + tag + "@mailroom.test>\r\n\r\nHello " + tag + "\r\n";
        return new OutboxMessage("bounce+" + tag + "@example.com", List.of(tag + "@example.org", "cc-" + tag + "@example.org"),
                "<" + tag + "@mailroom.test>", mime.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void storedMessageComesBackWholeOldestFirst() throws Exception {
        outbox.commitOnePhase(List.of(message("a"), message("b")));
        OutboxEntry first = outbox.takeDue(LATER).orElseThrow();
        OutboxEntry second = outbox.takeDue(LATER).orElseThrow();
        assertEquals("<a@mailroom.test>", first.message().messageId());
        assertEquals("bounce+a@example.com", first.message().mailFrom());
        assertEquals(List.of("a@example.org", "cc-a@example.org"), first.message().recipients());
        assertArrayEquals(message("a").mime(), first.message().mime());
        assertEquals(0, first.attempts());
        assertEquals("<b@mailroom.test>", second.message().messageId());
        assertTrue(outbox.takeDue(LATER).isEmpty(), "both are claimed");
    }

    @Test
    void nonAsciiNamesAndAddressesComeBackIntact() throws Exception {
        byte[] mime = ("From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.com>\r\n"
                + "To: 山田 太郎 <山田@例え.jp>\r\nSubject: Grüße\r\n\r\n山田 太郎 / Jürgen Müller\r\n")
                .getBytes(StandardCharsets.UTF_8);
        outbox.commitOnePhase(List.of(new OutboxMessage("jürgen@example.com", List.of("山田@例え.jp", "müller@example.org"),
                "<ü@mailroom.test>", mime)));
        OutboxEntry entry = outbox.takeDue(LATER).orElseThrow();
        assertEquals("jürgen@example.com", entry.message().mailFrom());
        assertEquals(List.of("山田@例え.jp", "müller@example.org"), entry.message().recipients());
        assertEquals("<ü@mailroom.test>", entry.message().messageId());
        assertArrayEquals(mime, entry.message().mime());
    }

    @Test
    void committedTransactionKeepsTheApplicationRowAndTheMessage() throws Exception {
        orderTransaction(true, message("order-1"));
        assertEquals(1, db.count("SELECT count(*) FROM orders"));
        assertEquals("<order-1@mailroom.test>", outbox.takeDue(LATER).orElseThrow().message().messageId());
    }

    @Test
    void rolledBackTransactionLeavesNeither() throws Exception {
        orderTransaction(false, message("order-1"), message("order-1b"));
        assertEquals(0, db.count("SELECT count(*) FROM orders"));
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox"));
        assertTrue(outbox.takeDue(LATER).isEmpty());
    }

    /** An application row and messages in one database transaction, committed or rolled back. */
    private void orderTransaction(boolean commit, OutboxMessage... messages) throws Exception {
        db.execute("CREATE TABLE orders (id int)");
        try (Connection tx = db.dataSource().getConnection()) {
            tx.setAutoCommit(false);
            try (Statement s = tx.createStatement()) {
                s.execute("INSERT INTO orders VALUES (1)");
            }
            sameTransaction(tx).insertInCallerTransaction(List.of(messages));
            assertTrue(outbox.takeDue(LATER).isEmpty(), "not visible before commit");
            if (commit) {
                tx.commit();
            } else {
                tx.rollback();
            }
        }
    }

    @Test
    void connectionOutsideTheTransactionIsRefusedAndStoresNothing() throws Exception {
        OutboxException e = assertThrows(OutboxException.class,
                () -> outbox.insertInCallerTransaction(List.of(message("loose"))));
        assertTrue(e.getMessage().startsWith("MAILROOM-5053"), e.getMessage());
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox"));
    }

    @Test
    void deferredComesBackAfterItsTimeWithOneMoreAttempt() throws Exception {
        outbox.commitOnePhase(List.of(message("d")));
        OutboxEntry taken = outbox.takeDue(LATER).orElseThrow();
        Instant retry = Instant.now().plusSeconds(60);
        outbox.deferred(taken.id(), retry, "451 try later");
        assertTrue(outbox.takeDue(Instant.now()).isEmpty(), "not due before its time");
        OutboxStats stats = outbox.stats();
        assertEquals(0, stats.queued());
        assertEquals(1, stats.deferred());
        assertEquals(retry.toEpochMilli(), outbox.nextDue().orElseThrow().toEpochMilli());
        OutboxEntry again = outbox.takeDue(retry.plusSeconds(1)).orElseThrow();
        assertEquals(taken.id(), again.id());
        assertEquals(1, again.attempts());
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE last_reason = '451 try later'"));
    }

    @Test
    void narrowedEntryGoesOnlyToThePendingRecipients() throws Exception {
        outbox.commitOnePhase(List.of(message("n")));
        OutboxEntry taken = outbox.takeDue(LATER).orElseThrow();
        outbox.narrow(taken.id(), List.of("cc-n@example.org"));
        outbox.deferred(taken.id(), Instant.now(), "421 closing");
        assertEquals(List.of("cc-n@example.org"), outbox.takeDue(LATER).orElseThrow().message().recipients());
    }

    @Test
    void deadEntryMovesToTheDeadLettersWithTheReason() throws Exception {
        outbox.commitOnePhase(List.of(message("x")));
        OutboxEntry taken = outbox.takeDue(LATER).orElseThrow();
        outbox.dead(taken.id(), "550 no such user");
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox"));
        List<DeadLetter> dead = outbox.deadLetters(10);
        assertEquals(1, dead.size());
        assertEquals("<x@mailroom.test>", dead.get(0).messageId());
        assertEquals("550 no such user", dead.get(0).reason());
        assertEquals(List.of("x@example.org", "cc-x@example.org"), dead.get(0).recipients());
        assertEquals(1, outbox.stats().dead());
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_dead_letter WHERE octet_length(mime) > 0"));
    }

    @Test
    void someRecipientsDeadTheRestStayClaimed() throws Exception {
        outbox.commitOnePhase(List.of(message("p")));
        OutboxEntry taken = outbox.takeDue(LATER).orElseThrow();
        outbox.dead(taken.id(), List.of("p@example.org"), "550 refused");
        assertEquals(List.of("p@example.org"), outbox.deadLetters(10).get(0).recipients());
        assertTrue(outbox.takeDue(LATER).isEmpty(), "the rest is still this worker's");
        outbox.delivered(taken.id());
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox WHERE state = 'delivered'"
                + " AND recipients = 'cc-p@example.org' AND octet_length(mime) = 0"));
    }

    @Test
    void deliveredRowsArePurgedAfterRetentionOnly() throws Exception {
        outbox.commitOnePhase(List.of(message("r1"), message("r2")));
        outbox.delivered(outbox.takeDue(LATER).orElseThrow().id());
        assertEquals(0, outbox.purge(), "within the 7 days of retention");
        outbox.close();
        outbox = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withRetention(Duration.ZERO));
        assertEquals(1, outbox.purge());
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox"), "the undelivered one stays");
    }

    @Test
    void closeGivesClaimsBackForOthersAtOnce() throws Exception {
        outbox.commitOnePhase(List.of(message("c")));
        outbox.takeDue(LATER).orElseThrow();
        outbox.close();
        JdbcOutbox other = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults());
        try {
            assertTrue(other.takeDue(LATER).isPresent());
        } finally {
            other.close();
        }
    }

    @Test
    void preparedBranchesAreRefusedWithTheReason() {
        OutboxException e = assertThrows(OutboxException.class, () -> outbox.prepare("b", List.of(message("q"))));
        assertTrue(e.getMessage().startsWith("MAILROOM-5054"), e.getMessage());
        assertTrue(outbox.preparedBranches().isEmpty());
        assertFalse(outbox.commitPrepared("b"));
    }

    @Test
    void nextDueIsEmptyWhenNothingWaits() {
        assertEquals(Optional.empty(), outbox.nextDue());
    }

    /** The outbox as it runs on the application's thread inside the transaction {@code tx}. */
    private JdbcOutbox sameTransaction(Connection tx) {
        return JdbcOutbox.onExistingTables(TestDatabase.enlisted(tx), db.url, JdbcOptions.defaults());
    }
}
