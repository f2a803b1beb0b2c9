package io.mailroom.adapter.outbox.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.OutboxEntry;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator's methods of the JDBC outbox on a real PostgreSQL: list, headers, requeue, delete. */
class JdbcOperatorActionsTest {
    private TestDatabase db;
    private JdbcOutbox outbox;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.create();
        outbox = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults().withOwner("op"));
    }

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    @Test
    void entriesAreTheLiveRowsOldestFirstWithoutDeliveredOnes() throws Exception {
        outbox.commitOnePhase(List.of(JdbcOutboxTest.message("a"), JdbcOutboxTest.message("b"), JdbcOutboxTest.message("c")));
        OutboxEntry a = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.deferred(a.id(), JdbcOutboxTest.LATER, "451 busy");
        OutboxEntry b = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.delivered(b.id());
        outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow(); // c: claimed, still live

        List<EntrySummary> entries = outbox.entries(10);
        assertEquals(List.of("<a@mailroom.test>", "<c@mailroom.test>"), entries.stream().map(EntrySummary::messageId).toList());
        EntrySummary deferred = entries.get(0);
        assertTrue(deferred.deferred());
        assertEquals(1, deferred.attempts());
        assertEquals("451 busy", deferred.lastReason());
        assertEquals(List.of("a@example.org", "cc-a@example.org"), deferred.recipients());
        assertEquals("bounce+a@example.com", deferred.mailFrom());
        assertFalse(entries.get(1).inDoubt());
        assertEquals(1, outbox.entries(1).size(), "limit");
    }

    @Test
    void headersOfAnEntryAndOfADeadLetterStopAtTheEmptyLineAndAtMaxBytes() throws Exception {
        outbox.commitOnePhase(List.of(JdbcOutboxTest.message("live"), JdbcOutboxTest.message("gone")));
        OutboxEntry live = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        OutboxEntry gone = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.dead(gone.id(), "550 no such user");
        DeadLetter dead = outbox.deadLetters(1).get(0);

        assertEquals("From: sender@example.com\r\nTo: live@example.org\r\nSubject: live\r\n"
                + "Message-ID: <live@mailroom.test>\r\n", outbox.headers(live.id(), 4096).orElseThrow());
        assertEquals("From: send", outbox.headers(live.id(), 10).orElseThrow());
        assertTrue(outbox.headers(dead.id(), 4096).orElseThrow().contains("Subject: gone\r\n"));
        assertEquals(Optional.empty(), outbox.headers(gone.id(), 4096), "the row that died is no entry any more");
        assertEquals(Optional.empty(), outbox.headers(9_999, 4096));
    }

    @Test
    void deadLetterIdsAreNeverAnEntrysId() throws Exception {
        outbox.commitOnePhase(List.of(JdbcOutboxTest.message("x"), JdbcOutboxTest.message("y")));
        OutboxEntry x = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.dead(x.id(), List.of("x@example.org"), "550 refused");
        OutboxEntry y = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.dead(y.id(), "550 refused");
        for (DeadLetter dead : outbox.deadLetters(10)) {
            assertNotEquals(x.id(), dead.id());
            assertNotEquals(y.id(), dead.id());
            assertEquals(0, db.count("SELECT count(*) FROM mailroom_outbox WHERE id = " + dead.id()));
        }
        DeadLetter partial = outbox.deadLetters(10).stream().filter(d -> d.messageId().equals("<x@mailroom.test>"))
                .findFirst().orElseThrow();
        assertTrue(outbox.headers(partial.id(), 4096).orElseThrow().contains("Subject: x\r\n"));
    }

    @Test
    void requeueMakesTheDeadLetterANewDueEntryInOneStep() throws Exception {
        outbox.commitOnePhase(List.of(JdbcOutboxTest.message("again")));
        OutboxEntry first = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.deferred(first.id(), java.time.Instant.now(), "451 busy");
        OutboxEntry second = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.dead(second.id(), List.of("again@example.org"), "550 unknown");
        outbox.dead(second.id(), "552 too big");
        assertEquals(2, outbox.deadLetters(10).size());
        DeadLetter bigger = outbox.deadLetters(10).stream().filter(d -> d.reason().equals("552 too big")).findFirst().orElseThrow();

        OptionalLong requeued = outbox.requeue(bigger.id());
        assertTrue(requeued.isPresent());
        assertNotEquals(first.id(), requeued.getAsLong());
        assertEquals(1, outbox.deadLetters(10).size(), "the requeued dead letter is gone, the other stays");
        OutboxEntry back = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        assertEquals(requeued.getAsLong(), back.id());
        assertEquals(0, back.attempts());
        assertEquals(List.of("cc-again@example.org"), back.message().recipients(), "the dead letter's recipients only");
        assertEquals(OptionalLong.empty(), outbox.requeue(bigger.id()), "no such dead letter any more");
    }

    @Test
    void deleteRemovesADeadLetterForGood() throws Exception {
        outbox.commitOnePhase(List.of(JdbcOutboxTest.message("bye")));
        OutboxEntry entry = outbox.takeDue(JdbcOutboxTest.LATER).orElseThrow();
        outbox.dead(entry.id(), "550 no");
        long id = outbox.deadLetters(1).get(0).id();
        assertTrue(outbox.deleteDeadLetter(id));
        assertFalse(outbox.deleteDeadLetter(id));
        assertEquals(0, db.count("SELECT count(*) FROM mailroom_dead_letter"));
        assertEquals(Optional.empty(), outbox.headers(id, 100));
    }
}
