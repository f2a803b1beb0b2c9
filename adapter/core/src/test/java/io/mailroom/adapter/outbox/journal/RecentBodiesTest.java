package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;

import static io.mailroom.adapter.outbox.journal.Mail.LATER;
import static io.mailroom.adapter.outbox.journal.Mail.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message just committed goes to its first delivery attempt from memory, not read back from the
 * segment; within a bounded budget, and from the segment again for a retry or after a restart.
 */
class RecentBodiesTest {
    @TempDir
    Path dir;

    private JournalOutbox open() throws Exception {
        return JournalOutbox.open(dir, JournalOptions.defaults().withMaxBytes(256L * 1024 * 1024));
    }

    @Test
    void theFirstAttemptGetsTheCommittedBytesFromMemoryAndARetryReadsTheSegment() throws Exception {
        OutboxMessage sent = message("a", 3000);
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(sent));
            OutboxEntry first = outbox.takeDue(LATER).orElseThrow();
            assertTrue(first.message().body().inMemory(), "first attempt read from " + first.message().body());
            assertArrayEquals(sent.mime(), first.message().mime());

            outbox.deferred(first.id(), Instant.EPOCH, "451 try later");
            assertEquals(0, outbox.bodiesInMemory());
            OutboxEntry retry = outbox.takeDue(LATER).orElseThrow();
            assertFalse(retry.message().body().inMemory());
            assertArrayEquals(sent.mime(), retry.message().mime());
            outbox.delivered(retry.id());
        }
        try (JournalOutbox outbox = open()) {
            assertTrue(outbox.takeDue(LATER).isEmpty());
        }
    }

    @Test
    void aSettledMessageLetsGoOfItsBody() throws Exception {
        try (JournalOutbox outbox = open()) {
            outbox.commitOnePhase(List.of(message("a"), message("b")));
            assertEquals(2, outbox.bodiesInMemory());
            OutboxEntry a = outbox.takeDue(LATER).orElseThrow();
            outbox.delivered(a.id());
            OutboxEntry b = outbox.takeDue(LATER).orElseThrow();
            outbox.dead(b.id(), "550 no such user");
            assertEquals(0, outbox.bodiesInMemory());
        }
    }

    @Test
    void memoryIsBoundedAndTheRestComesFromTheSegmentWithTheSameBytes() throws Exception {
        int size = 1024 * 1024;
        int count = (int) (RecentBodies.BUDGET_BYTES / size) + 4;
        List<OutboxMessage> sent = new ArrayList<>();
        try (JournalOutbox outbox = open()) {
            for (int i = 0; i < count; i++) {
                OutboxMessage m = message("m" + i, size - 200);
                sent.add(m);
                outbox.commitOnePhase(List.of(m));
            }
            assertTrue(outbox.bodiesInMemory() < count, outbox.bodiesInMemory() + " of " + count + " kept");
            int fromMemory = 0;
            for (int i = 0; i < count; i++) {
                OutboxEntry e = outbox.takeDue(LATER).orElseThrow();
                fromMemory += e.message().body().inMemory() ? 1 : 0;
                assertArrayEquals(sent.get(i).mime(), e.message().mime());
                outbox.delivered(e.id());
            }
            assertTrue(fromMemory > 0 && fromMemory <= RecentBodies.BUDGET_BYTES / size, fromMemory + " from memory");
            assertEquals(0, outbox.bodiesInMemory());
        }
    }
}
