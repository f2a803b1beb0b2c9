package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.Envelope;
import io.mailroom.api.SendReceipt;

import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.stream.Collectors;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 64 MiB message forwarded from a stream inside an XA transaction (what the CDI
 * {@code forward}/{@code sendEml} do: {@code MailConnection.sendRaw(InputStream, Envelope)})
 * never sits whole in the heap: the thread that sends, prepares and commits allocates a small
 * fraction of its size, so do the delivery workers that send it on to GreenMail, and GreenMail
 * receives the body byte for byte (SHA-256; GreenMail keeps a message's content without the line
 * end before the final dot, so that is left out of both digests). The message is generated as
 * it is read, not stored. (The scripted server of test-support refuses messages over 16 MiB.)
 */
class LargeForwardInTransactionTest {
    private static final long MESSAGE_BYTES = 64L * 1024 * 1024;
    /** Far below the message: the spool copy, the journal copy and SMTP each cost a buffer. */
    private static final long ALLOWED_ALLOCATION = 8L * 1024 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private XaMailroom mailroom;

    @BeforeEach
    void connect() throws Exception {
        mailroom = new XaMailroom(greenMail.getSmtp().getPort(), settings -> {
            settings.setOutboxMaxMegabytes(256);
            settings.setReadTimeoutMillis(60_000);
        });
    }

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void aLargeStreamedMessageInATransactionCostsABufferOfHeapAndArrivesByteForByte() throws Exception {
        GeneratedMessage message = new GeneratedMessage("<large-forward@sender.test>", MESSAGE_BYTES);
        GeneratedMessage again = new GeneratedMessage("<large-forward@sender.test>", MESSAGE_BYTES);
        again.skipNBytes(again.headerBytes());
        byte[] expected = digest(again, message.size() - message.headerBytes() - 2);
        XAResource xa = mailroom.managed.getXAResource();
        Xid xid = xid("large");
        Map<Long, Long> workersBefore = deliveryWorkerAllocations();

        long before = THREADS.getCurrentThreadAllocatedBytes();
        xa.start(xid, XAResource.TMNOFLAGS);
        SendReceipt receipt;
        try (InputStream eml = message) {
            receipt = mailroom.handle.sendRaw(eml, Envelope.of("archive@sender.test", "customer@receiver.test"));
        }
        xa.end(xid, XAResource.TMSUCCESS);
        assertEquals(XAResource.XA_OK, xa.prepare(xid));
        xa.commit(xid, false);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        System.out.printf("large forward in a transaction: %d byte message, %d bytes allocated by the sending"
                + " thread (send, prepare, commit)%n", message.size(), allocated);
        assertTrue(allocated < ALLOWED_ALLOCATION, "the sending thread allocated " + allocated + " bytes for a "
                + message.size() + " byte message: it was read into the heap");

        assertTrue(greenMail.waitForIncomingEmail(120_000, 1), "the committed message arrives");
        long delivering = deliveryWorkerAllocations().entrySet().stream()
                .mapToLong(e -> e.getValue() - workersBefore.getOrDefault(e.getKey(), 0L)).sum();
        System.out.printf("large forward in a transaction: %d bytes allocated by the delivery workers%n", delivering);
        assertTrue(delivering < ALLOWED_ALLOCATION, "the delivery workers allocated " + delivering + " bytes for a "
                + message.size() + " byte message: it was read into the heap");

        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertEquals("<large-forward@sender.test>", received.getMessageID());
        try (InputStream body = received.getRawInputStream()) {
            assertArrayEquals(expected, digest(body, Long.MAX_VALUE), "the body arrives byte for byte");
        }
        assertEquals(0, spoolFiles(), "the spool file is deleted once the message is in the journal");
    }

    /** @return the SHA-256 of the stream's first {@code limit} bytes (or all if fewer) */
    private static byte[] digest(InputStream in, long limit) throws Exception {
        MessageDigest sha = GeneratedMessage.sha256();
        byte[] chunk = new byte[64 * 1024];
        long left = limit;
        for (int n = in.read(chunk, 0, (int) Math.min(chunk.length, left)); n > 0;
             n = in.read(chunk, 0, (int) Math.min(chunk.length, left))) {
            sha.update(chunk, 0, n);
            left -= n;
        }
        return sha.digest();
    }

    private long spoolFiles() throws Exception {
        Path spool = mailroom.outbox.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        try (var files = Files.list(spool)) {
            return files.count();
        }
    }

    /** @return the bytes each live delivery worker thread has allocated so far, by thread id */
    private static Map<Long, Long> deliveryWorkerAllocations() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("mailroom-delivery-"))
                .collect(Collectors.toMap(Thread::getId, t -> THREADS.getThreadAllocatedBytes(t.getId())));
    }

    private static Xid xid(String name) {
        return XaMailroom.xid(name);
    }
}
