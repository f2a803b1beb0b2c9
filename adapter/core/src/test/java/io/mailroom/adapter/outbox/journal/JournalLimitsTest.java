package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxException;
import static io.mailroom.adapter.outbox.journal.Mail.LATER;
import static io.mailroom.adapter.outbox.journal.Mail.dueTags;
import static io.mailroom.adapter.outbox.journal.Mail.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's bounds and the directory it refuses. */
class JournalLimitsTest {
    private static final JournalOptions SMALL = JournalOptions.defaults().withMaxBytes(4096).withSegmentBytes(4096);

    @TempDir
    Path dir;

    @Test
    void fullOutboxRefusesWithMailroom5001AndStoresNothing() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, SMALL)) {
            outbox.commitOnePhase(List.of(message("a", 1000)));
            long used = outbox.stats().bytesUsed();

            OutboxException e = assertThrows(OutboxException.class,
                    () -> outbox.commitOnePhase(List.of(message("b", 1000), message("c", 1000), message("d", 1000))));

            assertEquals("MAILROOM-5001 outbox at " + dir.toAbsolutePath() + " is full: " + used
                    + " of 4096 bytes; raise the connection factory's outboxMaxMegabytes or fix delivery", e.getMessage());
            assertEquals(used, outbox.stats().bytesUsed());
            assertEquals(1, outbox.stats().queued());
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, SMALL)) {
            assertEquals(List.of("a"), dueTags(outbox));
        }
    }

    @Test
    void fullOutboxAcceptsMessagesAgainOnceDeliveryCatchesUp() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, SMALL)) {
            int stored = 0;
            while (true) {
                try {
                    outbox.commitOnePhase(List.of(message("m" + stored, 500)));
                    stored++;
                } catch (OutboxException full) {
                    assertTrue(full.getMessage().startsWith("MAILROOM-5001"), full.getMessage());
                    break;
                }
            }
            assertTrue(stored > 1, "stored " + stored);
            Mail.deliverAll(outbox);
            outbox.commitOnePhase(List.of(message("after", 500)));
            assertEquals(List.of("after"), dueTags(outbox));
        }
    }

    @Test
    void deliveryOutcomesAreRecordedWhenFull() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, SMALL)) {
            outbox.commitOnePhase(List.of(message("a", 2500)));
            assertThrows(OutboxException.class, () -> outbox.commitOnePhase(List.of(message("b", 2500))));
            outbox.delivered(outbox.takeDue(LATER).orElseThrow().id());
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, SMALL)) {
            assertEquals(List.of(), dueTags(outbox));
        }
    }

    @Test
    void directoryUnderARegularFileFailsNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path outboxDir = file.resolve("outbox");

        OutboxException e = assertThrows(OutboxException.class, () -> JournalOutbox.open(outboxDir, JournalOptions.defaults()));

        assertTrue(e.getMessage().startsWith("MAILROOM-5003 outbox directory " + outboxDir.toAbsolutePath()
                + " cannot be created or written"), e.getMessage());
    }

    @Test
    void secondOutboxOnTheSameDirectoryIsRefused() throws Exception {
        JournalOutbox first = JournalOutbox.open(dir, JournalOptions.defaults());
        OutboxException e = assertThrows(OutboxException.class, () -> JournalOutbox.open(dir, JournalOptions.defaults()));
        first.close();

        assertEquals("MAILROOM-5009 outbox at " + dir.toAbsolutePath() + " is already open, in this or another process",
                e.getMessage());
        JournalOutbox.open(dir, JournalOptions.defaults()).close();
    }

    @Test
    void tooSmallBoundIsRejectedWithTheOptionName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JournalOptions.defaults().withMaxBytes(100));
        assertEquals("MAILROOM-5010 outbox option maxBytes=100 is invalid: must be at least 1024", e.getMessage());
    }
}
