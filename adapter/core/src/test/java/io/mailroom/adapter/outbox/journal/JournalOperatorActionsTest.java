package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.Mail.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator does to the journal: list, read headers, requeue and delete dead letters, across restarts and crashes. */
class JournalOperatorActionsTest {
    @TempDir
    Path dir;

    private JournalOutbox open() throws OutboxException {
        return JournalOutbox.open(dir, JournalOptions.defaults());
    }

    @Test
    void theListingShowsDeferredEntriesWithTheirLastReasonAndInDoubtOnesWithTheirBranch() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a"), message("b")));
            outbox.prepare("xid-1", List.of(message("c")));
            OutboxEntry a = outbox.takeDue(Mail.LATER).orElseThrow();
            outbox.deferred(a.id(), Mail.LATER, "451 4.3.0 mailbox busy");
        }
        try (JournalOutbox outbox = open()) { // the reason is in the journal, not only in memory
            List<EntrySummary> entries = outbox.entries(10);
            assertEquals(List.of("<a@mailroom.test>", "<b@mailroom.test>", "<c@mailroom.test>"),
                    entries.stream().map(EntrySummary::messageId).toList());
            assertEquals(1, entries.get(0).attempts());
            assertEquals("451 4.3.0 mailbox busy", entries.get(0).lastReason());
            assertTrue(entries.get(0).deferred());
            assertNull(entries.get(1).lastReason());
            assertEquals("xid-1", entries.get(2).branch());
            assertEquals(2, outbox.entries(2).size());
        }
    }

    @Test
    void headersStopAtTheEmptyLineAndAtTheBoundForEntriesAndDeadLetters() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("live", 5000), message("gone", 5000)));
            long live = outbox.takeDue(Mail.LATER).orElseThrow().id();
            long gone = outbox.takeDue(Mail.LATER).orElseThrow().id();
            outbox.dead(gone, "550 5.1.1 no such user");
            String expected = "From: sender@example.com\r\nTo: live@example.org\r\nSubject: live\r\n"
                    + "Message-ID: <live@mailroom.test>\r\n";
            assertEquals(expected, outbox.headers(live, 64 * 1024).orElseThrow());
            assertTrue(outbox.headers(gone, 64 * 1024).orElseThrow().contains("Subject: gone\r\n"));
            assertFalse(outbox.headers(gone, 64 * 1024).orElseThrow().contains("Hello"), "no body");
            assertEquals("From: send", outbox.headers(live, 10).orElseThrow());
            assertTrue(outbox.headers(424242, 100).isEmpty());
        }
    }

    @Test
    void aRequeuedDeadLetterIsDueAgainUnderANewIdAndNoLongerDeadAfterARestart() throws Exception {
        long deadId;
        long newId;
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("r")));
            OutboxEntry entry = outbox.takeDue(Mail.LATER).orElseThrow();
            outbox.deferred(entry.id(), Instant.now(), "451 later");
            outbox.dead(outbox.takeDue(Mail.LATER).orElseThrow().id(), "550 refused");
            deadId = outbox.deadLetters(10).get(0).id();
            newId = outbox.requeue(deadId).orElseThrow();
            assertNotEquals(deadId, newId);
            assertTrue(outbox.deadLetters(10).isEmpty());
            assertEquals(OptionalLong.empty(), outbox.requeue(deadId), "a second requeue finds nothing");
        }
        try (JournalOutbox outbox = open()) {
            assertTrue(outbox.deadLetters(10).isEmpty());
            OutboxEntry again = outbox.takeDue(Instant.now().plusSeconds(1)).orElseThrow();
            assertEquals(newId, again.id());
            assertEquals(0, again.attempts());
            assertEquals(List.of("r@example.org", "cc-r@example.org"), again.message().recipients());
            assertEquals(new String(message("r").mime()), new String(again.message().mime()));
            assertTrue(outbox.takeDue(Mail.LATER).isEmpty(), "due once");
        }
        assertFalse(Files.exists(dir.resolve("dead").resolve(deadId + ".eml")));
    }

    @Test
    void aCrashAfterTheRequeueRecordButBeforeTheFilesWentFinishesTheRequeueOnOpen() throws Exception {
        Path dead = dir.resolve("dead");
        long deadId;
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("c")));
            outbox.dead(outbox.takeDue(Mail.LATER).orElseThrow().id(), "550 refused");
            deadId = outbox.deadLetters(10).get(0).id();
            byte[] properties = Files.readAllBytes(dead.resolve(deadId + ".properties"));
            byte[] eml = Files.readAllBytes(dead.resolve(deadId + ".eml"));
            outbox.requeue(deadId).orElseThrow();
            Files.write(dead.resolve(deadId + ".properties"), properties); // as if the deletion never happened
            Files.write(dead.resolve(deadId + ".eml"), eml);
        }
        try (JournalOutbox outbox = open()) {
            assertTrue(outbox.deadLetters(10).isEmpty(), "the requeue record settles the dead letter");
            assertEquals(List.of("c"), Mail.dueTags(outbox));
        }
        assertFalse(Files.exists(dead.resolve(deadId + ".properties")));
    }

    @Test
    void anEntryWhoseDeadRecordWasLostDoesNotComeBackAfterItsDeadLetterIsRequeuedOrDeleted() throws Exception {
        // dead() forces the dead letter's files, not its DEAD record: a crash can lose the record,
        // and then only the files keep the stored entry from being due again.
        long[] cut = new long[2];
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("x"), message("y")));
            cut[0] = Files.size(Mail.lastSegment(dir));
            outbox.dead(outbox.takeDue(Mail.LATER).orElseThrow().id(), "550 x");
            outbox.dead(outbox.takeDue(Mail.LATER).orElseThrow().id(), "550 y");
        }
        truncate(Mail.lastSegment(dir), cut[0]);
        try (JournalOutbox outbox = open()) {
            assertEquals(2, outbox.deadLetters(10).size());
            assertTrue(Mail.takeAll(outbox).isEmpty());
            for (var letter : outbox.deadLetters(10)) {
                if (letter.messageId().startsWith("<x@")) {
                    outbox.requeue(letter.id()).orElseThrow();
                } else {
                    assertTrue(outbox.deleteDeadLetter(letter.id()));
                }
            }
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(List.of("x"), Mail.dueTags(outbox), "x once, as the requeued entry; y never");
            assertTrue(outbox.deadLetters(10).isEmpty());
        }
    }

    @Test
    void aDeletedDeadLetterIsGoneForGoodAndAnUnknownOneChangesNothing() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("d")));
            outbox.dead(outbox.takeDue(Mail.LATER).orElseThrow().id(), "550 refused");
            long id = outbox.deadLetters(10).get(0).id();
            assertFalse(outbox.deleteDeadLetter(id + 1000));
            assertEquals(1, outbox.stats().dead());
            assertTrue(outbox.deleteDeadLetter(id));
            assertEquals(0, outbox.stats().dead());
        }
        try (JournalOutbox outbox = open()) {
            assertTrue(outbox.deadLetters(10).isEmpty());
            assertTrue(Mail.takeAll(outbox).isEmpty());
            try (var files = Files.list(dir.resolve("dead"))) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void theLastReasonMovesWithAnEntryCopiedForwardByCompaction() throws Exception {
        JournalOptions small = JournalOptions.defaults().withMaxBytes(64 * 1024).withSegmentBytes(2048);
        long kept;
        try (JournalOutbox outbox = JournalOutbox.open(dir, small)) {
            outbox.commitOnePhase(List.of(message("keep")));
            Path first = Mail.segments(dir).get(0);
            kept = outbox.takeDue(Mail.LATER).orElseThrow().id();
            outbox.deferred(kept, Mail.LATER.plusSeconds(3600), "421 4.7.0 try again later");
            for (int i = 0; i < 40; i++) { // fill and free segments, so the first one is copied forward
                outbox.commitOnePhase(List.of(message("f" + i, 300)));
                outbox.delivered(outbox.takeDue(Mail.LATER).orElseThrow().id());
            }
            assertFalse(Files.exists(first), "the segment holding the entry was copied forward and deleted");
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, small)) {
            EntrySummary entry = outbox.entries(10).get(0);
            assertEquals(kept, entry.id());
            assertEquals("421 4.7.0 try again later", entry.lastReason());
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
