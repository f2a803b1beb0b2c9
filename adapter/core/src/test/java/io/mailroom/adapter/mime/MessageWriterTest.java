package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.Priority;
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
 * back to Jakarta Mail; and a message composed with {@link IndexedHeaders} is written exactly as
 * the same message composed with Jakarta Mail's own {@code InternetHeaders}, for every header the
 * composer sets.
 */
class MessageWriterTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Session UTF8_SESSION = Session.getInstance(MimeComposer.withUtf8(new Properties()));
    private final MimeComposer composer = new MimeComposer(SESSION, UTF8_SESSION, null);
    /** The same composer with Jakarta Mail's own header store in every message. */
    private final MimeComposer jakartaHeaders = new MimeComposer(SESSION, UTF8_SESSION, null, false);

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
            everyHeader().priority(Priority.HIGH).text("high").build(),
            everyHeader().priority(Priority.LOW).html("<p>low</p>").build(),
            everyHeader().text("with an alternative").html("<p>html</p>").build(),
            Email.builder().from("\"山田 太郎\" <taro@sender.test>").to("Jürgen Müller <j.mueller@receiver.test>", "山田 花子 <hanako@receiver.test>")
                    .bcc("audit@receiver.test").subject("日本語の件名とGrüße, long enough to be folded across more than one line of the header")
                    .header("X-Kunde", "Jürgen Müller").text("こんにちは").build(),
            Email.builder().from("Jürgen Müller <jürgen@bücher.test>").to("山田 太郎 <taro@receiver.test>")
                    .cc("müller@bücher.test").bcc("audit@receiver.test").replyTo("hilfe@bücher.test")
                    .subject("UTF-8 session, every address header").header("X-Order", "4711").text("Grüße").build(),
            Email.builder().from("Shop <shop@[127.0.0.1]>").to("Jürgen Müller <j.mueller@[IPv6:::1]>").cc("ops@[192.0.2.1]")
                    .bcc("audit@[127.0.0.1]").subject("IP-literal domains").text("body").build(),
        };
    }

    /** Every address header, several recipients each, custom headers in mixed case. */
    private static Email.Builder everyHeader() {
        return Email.builder().from("\"Shop, Inc.\" <shop@sender.test>")
                .to("Jürgen Müller <j.mueller@receiver.test>", "山田 太郎 <taro@receiver.test>", "plain@receiver.test")
                .cc("Cc One <cc1@receiver.test>", "cc2@receiver.test").bcc("bcc1@receiver.test", "Hidden <bcc2@receiver.test>")
                .replyTo("Help Desk <help@sender.test>", "second@sender.test").subject("Bestellung für Jürgen Müller")
                .header("X-Order", "4711").header("x-campaign", "winter").header("List-Unsubscribe", "<mailto:off@sender.test>")
                .header("Keywords", "orders");
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

    /**
     * Composed with {@link IndexedHeaders} and written as the transport writes it (Bcc and
     * Content-Length left out), the bytes are those of the same email composed with Jakarta
     * Mail's {@code InternetHeaders} and written by Jakarta Mail; only the Message-ID and (across
     * a second) the Date may differ.
     */
    @ParameterizedTest
    @MethodSource("emails")
    void indexedHeadersWriteWhatJakartaMailsHeadersWrite(Email email) throws Exception {
        for (String[] ignore : new String[][] {null, {"Bcc", "Content-Length"}}) {
            MimeMessage reference = jakartaHeaders.compose(email).message();
            MimeMessage message = composer.compose(email).message();
            for (MimeMessage m : new MimeMessage[] {reference, message}) {
                m.setHeader("Bcc", "bcc1@receiver.test"); // as a caller might: the transport leaves it out
                m.setHeader("Content-Length", "12");
            }
            ByteArrayOutputStream jakarta = new ByteArrayOutputStream();
            ((ComposedMimeMessage) reference).writtenByJakartaMail(jakarta, ignore);
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            message.writeTo(ours, ignore);

            assertEquals(comparable(text(jakarta)), comparable(text(ours)));
            assertEquals(ignore == null, text(ours).contains("\r\nBcc: "), text(ours));
            assertEquals(ignore == null, text(ours).contains("\r\nContent-Length: "), text(ours));
        }
    }

    /** The Message-ID, the Date and the multipart boundaries (a counter and the time) made equal. */
    private static String comparable(String written) {
        return written.replaceAll("Message-ID: <[^>]*>", "Message-ID: <id>")
                .replaceAll("(?m)^Date: .*$", "Date: (date)")
                .replaceAll("----=_Part_[0-9_.]+", "----=_Part_(boundary)");
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
