package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import static io.mailroom.adapter.outbox.journal.Mail.LATER;
import static io.mailroom.adapter.outbox.journal.Mail.deliverAll;
import static io.mailroom.adapter.outbox.journal.Mail.dueTags;
import static io.mailroom.adapter.outbox.journal.Mail.message;
import static io.mailroom.adapter.outbox.journal.Mail.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments roll over at segmentBytes and go once nothing in them is live. */
class JournalCompactionTest {
    private static final JournalOptions SMALL_SEGMENTS = JournalOptions.defaults().withSegmentBytes(4096);

    @TempDir
    Path dir;

    private JournalOutbox open() throws OutboxException {
        return JournalOutbox.open(dir, SMALL_SEGMENTS);
    }

    private static List<String> commit(Outbox outbox, String prefix, int count) throws OutboxException {
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            outbox.commitOnePhase(List.of(message(prefix + i, 1000)));
            tags.add(prefix + i);
        }
        return tags;
    }

    @Test
    void journalRollsOverIntoSeveralSegments() throws Exception {
        try (JournalOutbox outbox = open()) {
            List<String> tags = commit(outbox, "m", 20);
            assertTrue(segments(dir).size() >= 5, "segments: " + segments(dir));
            assertEquals(tags, dueTags(outbox));
        }
    }

    @Test
    void deliveredSegmentsAreDeletedAndReopenStillKnowsTheRest() throws Exception {
        List<String> later;
        try (JournalOutbox outbox = open()) {
            commit(outbox, "old", 20);
            deliverAll(outbox);
            later = commit(outbox, "new", 2);
            assertTrue(segments(dir).size() <= 2, "segments left: " + segments(dir));
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(later, dueTags(outbox));
            outbox.commitOnePhase(List.of(message("after")));
        }
        try (JournalOutbox outbox = open()) {
            List<OutboxEntry> due = Mail.takeAll(outbox);
            assertEquals(List.of("new0", "new1", "after"), due.stream().map(Mail::tag).toList());
            assertTrue(due.get(2).id() > due.get(1).id(), "ids keep increasing after compaction");
        }
    }

    @Test
    void segmentWithATakenEntryStaysUntilThatEntryIsSettled() throws Exception {
        try (JournalOutbox outbox = open()) {
            commit(outbox, "m", 2);
            Path firstSegment = segments(dir).get(0);
            OutboxEntry taken = outbox.takeDue(LATER).orElseThrow();
            commit(outbox, "n", 4);
            deliverAll(outbox);

            assertEquals(firstSegment, segments(dir).get(0), "segment holding a taken entry is kept");
            outbox.delivered(taken.id());
            assertTrue(!segments(dir).contains(firstSegment), "segment deleted after its last entry: " + segments(dir));
        }
    }

    @Test
    void longPreparedBranchIsCopiedForwardInsteadOfPinningOldSegments() throws Exception {
        OutboxMessage inDoubt = message("in-doubt", 500);
        try (JournalOutbox outbox = open()) {
            outbox.prepare("xid-1", List.of(inDoubt));
            outbox.prepare("xid-empty", List.of());
            Path first = segments(dir).get(0);
            for (int round = 0; round < 5; round++) {
                commit(outbox, "r" + round + "-", 4);
                deliverAll(outbox);
            }
            assertTrue(!segments(dir).contains(first), "first segment freed: " + segments(dir));
            assertTrue(segments(dir).size() <= 3, "segments: " + segments(dir));
        }
        try (JournalOutbox outbox = open()) {
            assertEquals(Set.of("xid-1", "xid-empty"), outbox.preparedBranches());
            assertEquals(List.of(), dueTags(outbox));
            outbox.commitPrepared("xid-1");
            OutboxEntry entry = outbox.takeDue(LATER).orElseThrow();
            assertEquals(inDoubt.messageId(), entry.message().messageId());
            assertEquals(new String(inDoubt.mime()), new String(entry.message().mime()));
        }
    }

    @Test
    void deferredEntryCopiedForwardKeepsItsState() throws Exception {
        Instant retryAt = Instant.now().plusSeconds(900);
        try (JournalOutbox outbox = open()) {
            commit(outbox, "slow", 1);
            outbox.deferred(outbox.takeDue(LATER).orElseThrow().id(), retryAt, "451 greylisted");
            Path first = segments(dir).get(0);
            for (int round = 0; round < 5; round++) {
                commit(outbox, "r" + round + "-", 4);
                for (Optional<OutboxEntry> e = outbox.takeDue(Instant.now()); e.isPresent(); e = outbox.takeDue(Instant.now())) {
                    outbox.delivered(e.get().id());
                }
            }
            assertTrue(!segments(dir).contains(first), "first segment freed: " + segments(dir));
        }
        try (JournalOutbox outbox = open()) {
            assertTrue(outbox.takeDue(retryAt.minusSeconds(1)).isEmpty());
            OutboxEntry entry = outbox.takeDue(retryAt).orElseThrow();
            assertEquals("slow0", Mail.tag(entry));
            assertEquals(1, entry.attempts());
            assertEquals(retryAt, entry.notBefore());
        }
    }
}
