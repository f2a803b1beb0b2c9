package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.OutboxStats;
import static io.mailroom.adapter.outbox.journal.Mail.LATER;
import static io.mailroom.adapter.outbox.journal.Mail.dueTags;
import static io.mailroom.adapter.outbox.journal.Mail.message;
import static io.mailroom.adapter.outbox.journal.Mail.takeAll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a journal outbox keeps across a restart, one state at a time. */
class JournalOutboxTest {
    @TempDir
    Path dir;

    private JournalOutbox open() throws OutboxException {
        return JournalOutbox.open(dir, JournalOptions.defaults());
    }

    @Test
    void committedMessageIsDueAfterReopenWithIdenticalBytesAndEnvelope() throws Exception {
        OutboxMessage sent = message("a", 5000);
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(sent));
        }
        try (JournalOutbox outbox = open()) {
            List<OutboxEntry> due = takeAll(outbox);
            assertEquals(1, due.size());
            OutboxMessage back = due.get(0).message();
            assertArrayEquals(sent.mime(), back.mime());
            assertEquals(sent.mailFrom(), back.mailFrom());
            assertEquals(sent.recipients(), back.recipients());
            assertEquals(sent.messageId(), back.messageId());
            assertEquals(0, due.get(0).attempts());
        }
    }

    @Test
    void messagesOfOneCommitAreDueOldestFirst() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a"), message("b")));
            outbox.commitOnePhase(List.of(message("c")));
            assertEquals(List.of("a", "b", "c"), dueTags(outbox));
        }
    }

    @Test
    void preparedBranchIsInDoubtAfterReopenAndNotDue() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.prepare("xid-1", List.of(message("a"), message("b")));
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(Set.of("xid-1"), outbox.preparedBranches());
            assertEquals(List.of(), dueTags(outbox));
            assertEquals(2, outbox.stats().prepared());
        }
    }

    @Test
    void committedBranchIsDueAndStaysCommittedAfterReopen() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.prepare("xid-1", List.of(message("a"), message("b")));
        }
        try (JournalOutbox outbox = open()) {
            outbox.commitPrepared("xid-1");
            assertEquals(Set.of(), outbox.preparedBranches());
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(Set.of(), outbox.preparedBranches());
            assertEquals(List.of("a", "b"), dueTags(outbox));
        }
    }

    @Test
    void rolledBackBranchIsGoneAfterReopen() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.prepare("xid-1", List.of(message("a")));
            outbox.rollbackPrepared("xid-1");
            outbox.rollbackPrepared("xid-unknown");
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(Set.of(), outbox.preparedBranches());
            assertEquals(List.of(), dueTags(outbox));
            assertEquals(0, outbox.stats().prepared());
        }
    }

    @Test
    void preparingABranchTwiceFails() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.prepare("xid-1", List.of(message("a")));
            OutboxException e = assertThrows(OutboxException.class, () -> outbox.prepare("xid-1", List.of(message("b"))));
            assertTrue(e.getMessage().startsWith("MAILROOM-5005 branch xid-1 is already prepared"), e.getMessage());
            outbox.commitPrepared("xid-1");
            assertEquals(List.of("a"), dueTags(outbox));
        }
    }

    @Test
    void deliveredEntryDoesNotComeBackAfterReopen() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a"), message("b")));
            OutboxEntry first = outbox.takeDue(LATER).orElseThrow();
            outbox.delivered(first.id());
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(List.of("b"), dueTags(outbox));
        }
    }

    @Test
    void deferredEntryKeepsAttemptsAndNotBeforeAcrossReopen() throws Exception {
        Instant retryAt = Instant.now().plusSeconds(600);
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a")));
            outbox.deferred(outbox.takeDue(LATER).orElseThrow().id(), Instant.now(), "421 try later");
            outbox.deferred(outbox.takeDue(LATER).orElseThrow().id(), retryAt, "421 try later");
        }
        try (JournalOutbox outbox = open()) {
            assertTrue(outbox.takeDue(retryAt.minusMillis(1)).isEmpty(), "due before its notBefore");
            assertEquals(1, outbox.stats().deferred());
            OutboxEntry entry = outbox.takeDue(retryAt).orElseThrow();
            assertEquals(2, entry.attempts());
            assertEquals(retryAt, entry.notBefore());
        }
    }

    @Test
    void takenEntryIsHiddenFromOtherWorkersButDueAgainAfterReopen() throws Exception {
        long id;
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a")));
            id = outbox.takeDue(LATER).orElseThrow().id();
            assertTrue(outbox.takeDue(LATER).isEmpty(), "taken twice");
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(id, outbox.takeDue(LATER).orElseThrow().id());
        }
    }

    @Test
    void deadLetterKeepsReasonAcrossReopenWithItsMessageFile() throws Exception {
        OutboxMessage sent = message("a");
        long id;
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(sent, message("b")));
            id = outbox.takeDue(LATER).orElseThrow().id();
            outbox.dead(id, "550 5.1.1 no such user");
        }
        try (JournalOutbox outbox = open()) {
            List<DeadLetter> dead = outbox.deadLetters(10);
            assertEquals(1, dead.size());
            assertEquals(id, dead.get(0).id());
            assertEquals("550 5.1.1 no such user", dead.get(0).reason());
            assertEquals(sent.recipients(), dead.get(0).recipients());
            assertEquals(sent.messageId(), dead.get(0).messageId());
            assertArrayEquals(sent.mime(), Files.readAllBytes(dir.resolve("dead").resolve(id + ".eml")));
            assertEquals(List.of("b"), dueTags(outbox));
            assertEquals(1, outbox.stats().dead());
        }
    }

    @Test
    void idsKeepIncreasingAcrossReopenAfterEverythingWasDelivered() throws Exception {
        long first;
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a")));
            first = outbox.takeDue(LATER).orElseThrow().id();
            outbox.delivered(first);
        }
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("b")));
            assertTrue(outbox.takeDue(LATER).orElseThrow().id() > first);
        }
    }

    @Test
    void statsCountEachState() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a"), message("b"), message("c")));
            outbox.prepare("xid-1", List.of(message("d")));
            outbox.deferred(outbox.takeDue(LATER).orElseThrow().id(), LATER, "451 busy");
            outbox.dead(outbox.takeDue(LATER).orElseThrow().id(), "550 rejected");
            OutboxStats stats = outbox.stats();
            assertEquals(new OutboxStats(1, 1, 1, 1, Files.size(Mail.lastSegment(dir))), stats);
        }
    }

    @Test
    void closedOutboxRefusesWork() throws Exception {
        JournalOutbox outbox = open();
        outbox.close();
        OutboxException e = assertThrows(OutboxException.class, () -> outbox.commitOnePhase(List.of(message("a"))));
        assertTrue(e.getMessage().startsWith("MAILROOM-5006 outbox at " + dir.toAbsolutePath() + " is closed"), e.getMessage());
    }
}
