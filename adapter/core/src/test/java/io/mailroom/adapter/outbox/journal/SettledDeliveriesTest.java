package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxEntry;

import static io.mailroom.adapter.outbox.journal.Mail.message;
import static io.mailroom.adapter.outbox.journal.Mail.takeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries settled while the journal lock is busy are written together by its holder, in one
 * write, and are on disk like any other: after a restart none of them is due again.
 */
class SettledDeliveriesTest {
    private static final int MESSAGES = 40;

    @TempDir
    Path dir;

    @Test
    void deliveriesSettledWhileTheLockIsHeldGoInOneWriteByItsHolder() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            List<OutboxEntry> taken = commitAndTake(outbox);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch settled = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                try {
                    outbox.writer().exclusive(() -> {
                        holding.countDown();
                        try {
                            settled.await(2, TimeUnit.SECONDS); // a settle that waited for the lock times this out
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            holder.start();
            assertTrue(holding.await(5, TimeUnit.SECONDS));
            long before = outbox.writer().appends();

            for (OutboxEntry e : taken) {
                outbox.delivered(e.id());
            }
            settled.countDown();
            holder.join(10_000);

            assertEquals(1, outbox.writer().appends() - before, "writes for " + MESSAGES + " settled deliveries");
            assertEquals(0, outbox.entries(1_000).size(), "every delivered entry left the outbox");
        }
        try (JournalOutbox reopened = JournalOutbox.open(dir, JournalOptions.defaults())) {
            assertEquals(List.of(), takeAll(reopened), "nothing delivered is due again after a restart");
        }
    }

    @Test
    void aDeliverySettledWithTheLockFreeIsWrittenAtOnce() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            List<OutboxEntry> taken = commitAndTake(outbox);
            long before = outbox.writer().appends();

            outbox.delivered(taken.get(0).id());

            assertEquals(1, outbox.writer().appends() - before);
            assertEquals(MESSAGES - 1, outbox.entries(1_000).size());
        }
    }

    private static List<OutboxEntry> commitAndTake(JournalOutbox outbox) throws Exception {
        List<io.mailroom.adapter.outbox.OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            messages.add(message("m" + i));
        }
        outbox.commitOnePhase(messages);
        List<OutboxEntry> taken = takeAll(outbox);
        assertEquals(MESSAGES, taken.size());
        return taken;
    }
}
