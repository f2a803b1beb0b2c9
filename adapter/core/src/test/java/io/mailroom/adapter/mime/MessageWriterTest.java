package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MessageWriter} writes exactly the bytes Jakarta Mail's own {@code MimeMessage.writeTo}
 * writes, for every transfer encoding a text part gets and for the multipart messages it hands
 * back to Jakarta Mail.
 */
class MessageWriterTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private final MimeComposer composer = new MimeComposer(SESSION, Session.getInstance(MimeComposer.withUtf8(new Properties())), null);

    static Email[] emails() {
        return new Email[] {
            base().subject("7bit").text("Hello,\r\nyour order has shipped.\r\n").build(),
            base().subject("Grüße, quoted-printable").text("Grüße aus Köln\r\nline two\r\n").build(),
            base().subject("base64").text("日本語のテキストです。日本語のテキストです。\r\n").build(),
            base().subject("long line").text("x".repeat(1500)).build(),
            base().subject("html only").html("<p>Hello <b>there</b></p>").build(),
            base().subject("empty").text("").build(),
            base().subject("alternative, handed to Jakarta Mail").text("plain").html("<p>html</p>").build(),
            base().subject("non-ASCII recipient, UTF-8 session").to("jörg@bücher.test").text("Grüße").build(),
            Email.builder().from("shop@sender.test").to("a@receiver.test").cc("b@receiver.test")
                    .replyTo("help@sender.test").subject("headers").header("X-Order", "4711").text("body").build(),
        };
    }

    private static Email.Builder base() {
        return Email.builder().from("Shop <shop@sender.test>").to("customer@receiver.test");
    }

    @ParameterizedTest
    @MethodSource("emails")
    void writesWhatJakartaMailWrites(Email email) throws Exception {
        ComposedMessage composed = composer.compose(email);
        MimeMessage message = composed.message();
        ByteArrayOutputStream jakarta = new ByteArrayOutputStream();
        ((ComposedMimeMessage) message).writtenByJakartaMail(jakarta, null);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        MessageWriter.writeTo(composed, SESSION, ours);

        assertArrayEquals(jakarta.toByteArray(), ours.toByteArray(), () -> "Jakarta Mail:\n" + text(jakarta) + "\nours:\n" + text(ours));
        assertTrue(ours.size() > 0);
    }

    /** What Angus's transport asks of every message it sends: all but Bcc and Content-Length. */
    @ParameterizedTest
    @MethodSource("emails")
    void writesWhatJakartaMailWritesForTheTransport(Email email) throws Exception {
        MimeMessage message = composer.compose(email).message();
        message.setHeader("Content-Length", "12"); // a header the transport leaves out, to see it left out
        String[] ignore = {"Bcc", "Content-Length"};
        ByteArrayOutputStream jakarta = new ByteArrayOutputStream();
        ((ComposedMimeMessage) message).writtenByJakartaMail(jakarta, ignore);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        message.writeTo(ours, ignore);

        assertArrayEquals(jakarta.toByteArray(), ours.toByteArray(), () -> "Jakarta Mail:\n" + text(jakarta) + "\nours:\n" + text(ours));
        assertFalse(text(ours).contains("Content-Length"));
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
