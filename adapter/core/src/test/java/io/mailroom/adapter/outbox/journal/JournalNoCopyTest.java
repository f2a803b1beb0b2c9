package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;

import static io.mailroom.adapter.outbox.journal.Mail.takeAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message composed in memory goes from its buffer into the journal's file as it is: the commit
 * neither copies it into a frame buffer nor needs it to fill a whole array.
 */
class JournalNoCopyTest {
    private static final int BODY = 512 * 1024;

    @TempDir
    Path dir;

    @Test
    void committingAMessageInMemoryAllocatesFarLessThanTheMessage() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            outbox.commitOnePhase(List.of(message(0, new byte[BODY]))); // warms up the code and the I/O buffers
            OutboxMessage big = message(1, new byte[BODY]);
            long before = allocatedByThisThread();
            outbox.commitOnePhase(List.of(big));
            long allocated = allocatedByThisThread() - before;
            assertTrue(allocated < BODY / 4, "a commit of " + BODY + " bytes allocated " + allocated + " bytes");
        }
    }

    @Test
    void aBodyThatIsARangeOfALargerBufferIsStoredAndReadBackExactly() throws Exception {
        byte[] mime = "Subject: range\r\n\r\nthe message itself\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[mime.length + 100];
        Arrays.fill(buffer, (byte) '#');
        System.arraycopy(mime, 0, buffer, 7, mime.length);
        OutboxMessage ranged = new OutboxMessage("a@example.com", List.of("b@example.org"), "<range@mailroom.test>",
                MessageBody.of(buffer, 7, mime.length));
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            outbox.commitOnePhase(List.of(ranged));
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            List<OutboxEntry> due = takeAll(outbox);
            assertEquals(1, due.size());
            assertArrayEquals(mime, due.get(0).message().mime());
        }
    }

    private static OutboxMessage message(int n, byte[] body) {
        byte[] head = ("Subject: " + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        return new OutboxMessage("a@example.com", List.of("b@example.org"), "<" + n + "@mailroom.test>", body);
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
