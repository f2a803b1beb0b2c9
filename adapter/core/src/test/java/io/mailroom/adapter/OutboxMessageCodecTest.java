package io.mailroom.adapter;

import io.mailroom.adapter.mime.ComposedMessage;
import io.mailroom.adapter.mime.MimeComposer;
import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.api.Email;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A composed message to the bytes the outbox keeps, and back, without copies of the bytes. */
class OutboxMessageCodecTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final MimeComposer COMPOSER = new MimeComposer(SESSION,
            Session.getInstance(MimeComposer.withUtf8(new Properties())), null);

    @Test
    void theOutboxKeepsTheBufferTheMessageWasWrittenIntoNotACopyOfIt() throws Exception {
        String text = "x".repeat(70) + "\r\n";
        Email email = Email.builder().from("a@example.com").to("b@example.org").subject("big")
                .text(text.repeat(100_000 / text.length())).build();
        OutboxMessageCodec.toOutbox(COMPOSER.compose(email), SESSION); // warms up
        ComposedMessage composed = COMPOSER.compose(email);
        ByteArrayOutputStream written = new ByteArrayOutputStream(8192);
        io.mailroom.adapter.mime.MessageWriter.writeTo(composed, SESSION, written);
        int size = written.size();

        long before = allocatedByThisThread();
        OutboxMessage kept = OutboxMessageCodec.toOutbox(composed, SESSION);
        long allocated = allocatedByThisThread() - before;

        assertArrayEquals(written.toByteArray(), kept.mime());
        // Writing costs the text's bytes and the buffer (2.1x the message here); a copy of the
        // finished buffer would add the message once more (3.1x).
        assertTrue(allocated < 5L * size / 2, "toOutbox of " + size + " bytes allocated " + allocated);
    }

    @Test
    void aBodyInARangeOfABufferIsSentExactly() throws Exception {
        byte[] mime = "From: a@example.com\r\nTo: b@example.org\r\nSubject: range\r\n\r\nthe text\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[mime.length + 64];
        Arrays.fill(buffer, (byte) '#');
        System.arraycopy(mime, 0, buffer, 5, mime.length);
        OutboxMessage kept = new OutboxMessage("a@example.com", List.of("b@example.org"), "<r@example.com>",
                MessageBody.of(buffer, 5, mime.length));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        OutboxMessageCodec.fromOutbox(SESSION, kept).message().writeTo(sent);
        assertArrayEquals(mime, sent.toByteArray());
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
