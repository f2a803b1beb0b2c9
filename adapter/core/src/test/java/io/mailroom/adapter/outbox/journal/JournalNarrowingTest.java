package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.Mail.LATER;
import static io.mailroom.adapter.outbox.journal.Mail.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-recipient state: once some recipients of an entry are done with, the outbox keeps only the
 * pending ones, across a restart and across compaction, and a dead letter for some recipients
 * names only them while the entry lives on for the others.
 */
class JournalNarrowingTest {
    @TempDir
    Path dir;

    @Test
    void aNarrowedEntryKeepsOnlyItsPendingRecipientsAcrossARestart() throws Exception {
        OutboxMessage sent = message("a");
        String pending = sent.recipients().get(1);
        try (JournalOutbox outbox = open(JournalOptions.defaults())) {
            outbox.commitOnePhase(List.of(sent));
            OutboxEntry taken = outbox.takeDue(LATER).orElseThrow();
            outbox.narrow(taken.id(), List.of(pending));
            outbox.deferred(taken.id(), LATER.minusSeconds(1), "451 4.7.1 greylisted");
        }
        try (JournalOutbox outbox = open(JournalOptions.defaults())) {
            OutboxEntry again = outbox.takeDue(LATER).orElseThrow();
            assertEquals(List.of(pending), again.message().recipients());
            assertEquals(1, again.attempts());
        }
    }

    @Test
    void aNarrowedEntryCopiedForwardByCompactionStaysNarrowed() throws Exception {
        JournalOptions small = JournalOptions.defaults().withSegmentBytes(4096);
        OutboxMessage kept = message("kept");
        String pending = kept.recipients().get(0);
        try (JournalOutbox outbox = open(small)) {
            outbox.commitOnePhase(List.of(kept));
            long id = outbox.takeDue(LATER).orElseThrow().id();
            outbox.narrow(id, List.of(pending));
            outbox.deferred(id, LATER.plusSeconds(60), "451 greylisted"); // not due while the fillers are delivered
            for (int i = 0; i < 40; i++) { // roll over several segments so the first one is copied forward and deleted
                outbox.commitOnePhase(List.of(message("filler" + i, 400)));
                Mail.deliverAll(outbox);
            }
            assertTrue(Mail.segments(dir).size() < 10, "old segments are deleted");
        }
        try (JournalOutbox outbox = open(small)) {
            OutboxEntry again = outbox.takeDue(LATER.plusSeconds(120)).orElseThrow();
            assertEquals("kept", Mail.tag(again));
            assertEquals(List.of(pending), again.message().recipients());
        }
    }

    @Test
    void aDeadLetterForSomeRecipientsNamesOnlyThemAndTheEntryLivesOnForTheOthers() throws Exception {
        OutboxMessage sent = message("a");
        String refused = sent.recipients().get(0);
        String greylisted = sent.recipients().get(1);
        long id;
        try (JournalOutbox outbox = open(JournalOptions.defaults())) {
            outbox.commitOnePhase(List.of(sent));
            id = outbox.takeDue(LATER).orElseThrow().id();
            outbox.dead(id, List.of(refused), "550 5.1.1 no such user");
            outbox.deferred(id, LATER.minusSeconds(1), "450 4.7.1 greylisted");
        }
        try (JournalOutbox outbox = open(JournalOptions.defaults())) {
            List<DeadLetter> dead = outbox.deadLetters(10);
            assertEquals(1, dead.size());
            assertEquals(List.of(refused), dead.get(0).recipients());
            assertTrue(Files.exists(dir.resolve("dead").resolve(dead.get(0).id() + ".eml")));
            OutboxEntry rest = outbox.takeDue(LATER).orElseThrow();
            assertEquals(id, rest.id());
            assertEquals(List.of(greylisted), rest.message().recipients());
        }
    }

    @Test
    void deadLettersAreListedNewestFirst() throws Exception {
        try (JournalOutbox outbox = open(JournalOptions.defaults())) {
            outbox.commitOnePhase(List.of(message("first"), message("second")));
            for (String reason : List.of("550 first", "550 second")) {
                Thread.sleep(5); // distinct times of death
                outbox.dead(outbox.takeDue(LATER).orElseThrow().id(), reason);
            }
            assertEquals(List.of("550 second", "550 first"), outbox.deadLetters(10).stream().map(DeadLetter::reason).toList());
            assertEquals(List.of("550 second"), outbox.deadLetters(1).stream().map(DeadLetter::reason).toList());
        }
        try (JournalOutbox outbox = open(JournalOptions.defaults())) {
            assertEquals("550 second", outbox.deadLetters(10).get(0).reason());
        }
    }

    private JournalOutbox open(JournalOptions options) throws OutboxException {
        return JournalOutbox.open(dir, options);
    }
}
