package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.LargeMail.content;
import static io.mailroom.adapter.outbox.journal.LargeMail.digest;
import static io.mailroom.adapter.outbox.journal.Mail.segments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large messages (past {@link RecordCodec#INLINE_BODIES}, given as streams) on a real disk: stored
 * in chunks, replayed on open without loading, handed out as bodies that read from the segment,
 * copied forward whole by compaction, and copied into a dead letter whole.
 */
class JournalLargeRecordTest {
    private static final JournalOptions OPTIONS = JournalOptions.defaults().withMaxBytes(64L << 20).withSegmentBytes(4L << 20);

    @TempDir
    Path dir;

    @Test
    void aLargeRecordReadsBackWholeAfterReopenAndGoesWholeIntoADeadLetter() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, OPTIONS)) {
            outbox.commitOnePhase(List.of(LargeMail.message(1)));
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, OPTIONS)) {
            OutboxEntry entry = outbox.takeDue(Mail.LATER).orElseThrow();
            assertFalse(entry.message().body().inMemory(), "handed out as a body that reads from the segment");
            assertArrayEquals(digest(content(1)), digest(entry.message().body().open()));
            outbox.dead(entry.id(), "550 refused");
            Path letter = dir.resolve("dead").resolve(entry.id() + ".eml");
            assertArrayEquals(digest(content(1)), digest(Files.newInputStream(letter)));
        }
    }

    @Test
    void compactionCopiesALargeEntryForwardWhole() throws Exception {
        long id;
        try (JournalOutbox outbox = JournalOutbox.open(dir, OPTIONS)) {
            outbox.commitOnePhase(List.of(LargeMail.message(7)));
            OutboxEntry kept = outbox.takeDue(Mail.LATER).orElseThrow();
            id = kept.id();
            outbox.deferred(id, Instant.now().plusSeconds(86_400), "450 later"); // live, not taken: may move
            Path first = segments(dir).get(0);
            for (int i = 0; i < 6 && Files.exists(first); i++) {
                outbox.commitOnePhase(List.of(LargeMail.message(100 + i)));
                outbox.delivered(outbox.takeDue(Mail.LATER).orElseThrow().id());
            }
            assertFalse(Files.exists(first), "the first segment was freed: its live entry was copied forward");
            OutboxEntry moved = outbox.takeDue(Instant.now().plusSeconds(2 * 86_400)).orElseThrow();
            assertArrayEquals(digest(content(7)), digest(moved.message().body().open()), "read where the index says");
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, OPTIONS)) {
            OutboxEntry moved = outbox.takeDue(Instant.now().plusSeconds(2 * 86_400)).orElseThrow();
            assertEquals(id, moved.id());
            assertEquals(1, moved.attempts(), "its state came along");
            assertArrayEquals(digest(content(7)), digest(moved.message().body().open()), "read where replay found it");
            assertTrue(outbox.takeDue(Instant.now().plusSeconds(2 * 86_400)).isEmpty());
        }
    }
}
