package io.mailroom.adapter;

import io.mailroom.adapter.mime.ComposedMessage;
import io.mailroom.adapter.mime.MimeComposer;
import io.mailroom.adapter.mime.StoredMessage;
import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.api.Email;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void aComposedMessageInMemoryGoesOutAsStoredWithoutParsingItsHeaders() throws Exception {
        Email email = Email.builder().from("a@example.com").to("b@example.org").cc("c@example.org").bcc("d@example.org")
                .subject("plain").text("line one\r\nline two\r\n").build();
        OutboxMessage kept = OutboxMessageCodec.toOutbox(COMPOSER.compose(email), SESSION);

        var message = OutboxMessageCodec.fromOutbox(SESSION, kept).message();

        assertInstanceOf(OutboxBytesMessage.class, message);
        assertEquals(kept.messageId(), message.getMessageID());
        assertArrayEquals(sentByParsing(kept), sentAsAngusSends(message));
        assertArrayEquals(kept.mime(), sentAsAngusSends(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Bcc: hidden@example.org\r\nSubject: s\r\n\r\nbody\r\n",
        "Subject: s\r\nbcc : hidden@example.org\r\n\r\nbody\r\n",
        "Subject: s\r\nContent-Length: 5\r\n\r\nbody\r\n",
        "Subject: s\nX-Bare: lf\r\n\r\nbody\r\n",
        "Subject: s\rX-Bare: cr\r\n\r\nbody\r\n",
        "Subject: caf\u00e9\r\n\r\nbody\r\n",
        " Subject: leading white space\r\n\r\nbody\r\n",
        "Subject: no body, no empty line\r\n",
        "\r\nbody without headers\r\n"})
    void aHeaderBlockAParseWouldChangeIsParsedAndSentAsBefore(String mime) throws Exception {
        OutboxMessage kept = kept(mime);
        var message = OutboxMessageCodec.fromOutbox(SESSION, kept).message();
        assertFalse(message instanceof OutboxBytesMessage, "sent without parsing: " + mime);
        assertArrayEquals(sentByParsing(kept), sentAsAngusSends(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Subject: s\r\n\r\nbody\r\n",
        "Subject: folded\r\n  on two lines\r\nX-Bccx: not bcc\r\nNo-Colon-Line\r\n\r\nbody\nwith bare LF in the content\r\n",
        "X-Empty:\r\n\r\n",
        "Subject: s\r\n\r\n",
        "From: shop@[127.0.0.1]\r\nTo: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <j.mueller@[IPv6:::1]>\r\nSubject: s\r\n\r\nbody\r\n"})
    void aPlainHeaderBlockIsSentAsStoredAndAsAParseWouldSendIt(String mime) throws Exception {
        OutboxMessage kept = kept(mime);
        var message = assertInstanceOf(OutboxBytesMessage.class, OutboxMessageCodec.fromOutbox(SESSION, kept).message());

        assertArrayEquals(sentByParsing(kept), sentAsAngusSends(message));
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        message.writeTo(other, new String[] {"Subject"});
        ByteArrayOutputStream parsed = new ByteArrayOutputStream();
        new StoredMessage(SESSION, new SharedByteArrayInputStream(kept.mime())).writeTo(parsed, new String[] {"Subject"});
        assertArrayEquals(parsed.toByteArray(), other.toByteArray(), "other headers left out as a parse leaves them out");
    }

    private static OutboxMessage kept(String mime) {
        return new OutboxMessage("a@example.com", List.of("b@example.org"), "<p@example.com>",
                mime.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** What was sent before messages in memory went out unparsed. */
    private static byte[] sentByParsing(OutboxMessage kept) throws Exception {
        return sentAsAngusSends(new StoredMessage(SESSION, new SharedByteArrayInputStream(kept.mime())));
    }

    private static byte[] sentAsAngusSends(jakarta.mail.internet.MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, new String[] {"Bcc", "Content-Length"}); // Angus's SMTPTransport leaves these out
        return out.toByteArray();
    }

    private static long allocatedByThisThread() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
