package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.api.Email;
import io.mailroom.adapter.outbox.MessageBody;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link StoredMessage} reads stored bytes as Jakarta Mail's own parse does: the same header lines
 * in the same order, the same content, and the same bytes written for the transport (which leaves
 * out Bcc and Content-Length).
 */
class StoredMessageTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Session UTF8_SESSION = Session.getInstance(MimeComposer.withUtf8(new Properties()));

    static Stream<String> stored() throws Exception {
        MimeComposer composer = new MimeComposer(SESSION, Session.getInstance(MimeComposer.withUtf8(new Properties())), null);
        MimeMessage composed = composer.compose(Email.builder().from("Shop <shop@sender.test>").to("a@receiver.test")
                .subject("Grüße " + "long subject ".repeat(10)).text("Grüße\r\n").html("<p>hi</p>").build()).message();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        composed.writeTo(bytes);
        return Stream.of(
                bytes.toString(StandardCharsets.UTF_8),
                "From: a@sender.test\r\nTo: b@receiver.test\r\nSubject: folded\r\n\tover two lines\r\n  and three\r\n\r\nbody\r\n",
                " leading: white space on the first line\r\nFrom: a@sender.test\r\n\r\nbody",
                "From: a@sender.test\nTo: b@receiver.test\nBcc: hidden@receiver.test\nContent-Length: 4\n\nbody\n",
                "From: a@sender.test\r\nX-Empty:\r\nX-Spaces:   \r\n\r\n",
                "From: a@sender.test\r\n \r\nSubject: after a white-space line\r\n\r\nbody\r\n",
                "From: a@sender.test\r\nSubject: no body",
                "From: a@sender.test\r\nTo: jörg@bücher.test\r\nSubject: Grüße\r\n\r\nbody\r\n");
    }

    @ParameterizedTest
    @MethodSource("stored")
    void readsWhatJakartaMailReads(String text) throws Exception {
        readsAsJakartaMail(text, SESSION);
    }

    @ParameterizedTest
    @MethodSource("stored")
    void readsWhatJakartaMailReadsWithUtf8Headers(String text) throws Exception {
        readsAsJakartaMail(text, UTF8_SESSION);
    }

    /** As the delivery workers read a body the journal keeps: through {@link SharedBodyStream}. */
    @ParameterizedTest
    @MethodSource("stored")
    void writesWhatJakartaMailWritesFromAStoredBody(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        MimeMessage jakarta = new SMTPMessage(SESSION, new SharedByteArrayInputStream(bytes));
        MimeMessage ours = new StoredMessage(SESSION, new SharedBodyStream(MessageBody.of(bytes)));

        assertEquals(lines(jakarta), lines(ours));
        assertArrayEquals(forTransport(jakarta), forTransport(ours));
        assertArrayEquals(forTransport(jakarta), forTransport(ours), "written twice, the same bytes");
    }

    private static void readsAsJakartaMail(String text, Session session) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        MimeMessage jakarta = new SMTPMessage(session, new SharedByteArrayInputStream(bytes));
        MimeMessage ours = new StoredMessage(session, new SharedByteArrayInputStream(bytes));

        assertEquals(lines(jakarta), lines(ours));
        assertArrayEquals(forTransport(jakarta), forTransport(ours));
        Object content = jakarta.getContent();
        assertEquals(content instanceof String ? content : content.getClass(),
                ours.getContent() instanceof String read ? read : ours.getContent().getClass());
    }

    private static List<String> lines(MimeMessage message) throws Exception {
        return Collections.list(message.getAllHeaderLines());
    }

    private static byte[] forTransport(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out, new String[] {"Bcc", "Content-Length"});
        return out.toByteArray();
    }
}
