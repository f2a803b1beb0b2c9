package io.mailroom.adapter.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.api.MailException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open transactions hold their mail (in memory or spooled) until commit, but not without bound. */
class PendingBoundTest {
    private static final int BOUND = 10_000;

    @TempDir
    Path dir;

    @Test
    void aMessageArrivingOnceTheBoundIsReachedIsRefusedWithAClearErrorAndNothingIsBuffered() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            TransactionalOutbox transactional = new TransactionalOutbox(outbox, () -> { }, BOUND);
            transactional.start("a", 0);
            transactional.start("b", 0);
            transactional.buffer("a", message("first", 6_000));
            transactional.buffer("a", message("second", 6_000)); // below the bound when it came

            MailException e = assertThrows(MailException.class, () -> transactional.buffer("b", message("third", 100)));
            assertTrue(e.getMessage().startsWith("MAILROOM-5012") && e.getMessage().contains("outboxMaxMegabytes"), e.getMessage());

            transactional.commitOnePhase("b");
            assertEquals(0, outbox.stats().queued(), "the refused message was not buffered");
        }
    }

    @Test
    void committedAndRolledBackBranchesGiveTheirRoomBack() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            TransactionalOutbox transactional = new TransactionalOutbox(outbox, () -> { }, BOUND);
            for (String branch : List.of("a", "b", "c")) {
                transactional.start(branch, 0);
            }
            transactional.buffer("a", message("first", 12_000));
            transactional.commitOnePhase("a");
            transactional.buffer("b", message("second", 12_000));
            transactional.rollback("b");
            transactional.buffer("c", message("third", 12_000));
            transactional.commitOnePhase("c");

            assertEquals(2, outbox.stats().queued());
        }
    }

    private static OutboxMessage message(String tag, int size) {
        byte[] mime = ("Subject: " + tag + "\r\n\r\n" + "x".repeat(size)).getBytes();
        return new OutboxMessage("a@example.com", List.of("b@example.org"), "<" + tag + "@test>", mime);
    }
}
