package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.Priority;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Email to MIME without a network: each message is written out and parsed back, as a recipient reads it. */
class MimeComposerTest {
    private static final String FROM = "shop@sender.test";
    private static final String TO = "customer@receiver.test";
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Session UTF8_SESSION = Session.getInstance(MimeComposer.withUtf8(new Properties()));
    private static final String BAD_ADDRESS = "not an address@";

    private final MimeComposer composer = new MimeComposer(SESSION, UTF8_SESSION, null);

    @Test
    void textOnlyIsOneTextPlainPartInUtf8() throws Exception {
        MimeMessage m = roundTrip(message().text("Grüße").build());
        assertTrue(m.isMimeType("text/plain"), m.getContentType());
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), m.getContentType());
        assertEquals("Grüße", m.getContent());
    }

    @Test
    void htmlOnlyIsOneTextHtmlPart() throws Exception {
        MimeMessage m = roundTrip(message().html("<p>Hi</p>").build());
        assertTrue(m.isMimeType("text/html"), m.getContentType());
        assertEquals("<p>Hi</p>", m.getContent());
    }

    @Test
    void textAndHtmlAreAlternatives() throws Exception {
        MimeMessage m = roundTrip(message().text("Hi").html("<p>Hi</p>").build());
        assertTrue(m.isMimeType("multipart/alternative"), m.getContentType());
        MimeMultipart alternative = (MimeMultipart) m.getContent();
        assertEquals(List.of("text/plain", "text/html"), baseTypes(alternative));
    }

    @Test
    void anInlineImageIsRelatedToTheHtmlByContentId() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        MimeMessage m = roundTrip(message().html("<img src=\"cid:logo\">")
                .attach(Attachment.fromBytes("logo.png", "image/png", png).inline("logo")).build());

        assertTrue(m.isMimeType("multipart/related"), m.getContentType());
        MimeMultipart related = (MimeMultipart) m.getContent();
        assertEquals(List.of("text/html", "image/png"), baseTypes(related));
        assertArrayEquals(new String[] {"<logo>"}, related.getBodyPart(1).getHeader("Content-ID"));
        assertArrayEquals(png, related.getBodyPart(1).getInputStream().readAllBytes());
    }

    @Test
    void attachmentsFromFileBytesAndStreamKeepTheirExactBytes(@TempDir Path dir) throws Exception {
        byte[] fileBytes = {1, 2, 3, 0, (byte) 0xfe};
        byte[] bytes = "a,b\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] streamed = new byte[10_000];
        Arrays.fill(streamed, (byte) 7);
        Path file = Files.write(dir.resolve("data.bin"), fileBytes);

        MimeMessage m = roundTrip(message().text("See attached.")
                .attach(Attachment.fromFile(file, null))
                .attach(Attachment.fromBytes("table.csv", "text/csv", bytes))
                .attach(Attachment.fromStream("zeros.bin", null, new ByteArrayInputStream(streamed))).build());

        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertAttachment(mixed.getBodyPart(1), "data.bin", fileBytes);
        assertAttachment(mixed.getBodyPart(2), "table.csv", bytes);
        assertAttachment(mixed.getBodyPart(3), "zeros.bin", streamed);
    }

    @Test
    void ccAndReplyToAreHeaders() throws Exception {
        MimeMessage m = roundTrip(message().cc("boss@receiver.test").replyTo("support@sender.test").text("x").build());
        assertEquals("boss@receiver.test", m.getHeader("Cc", ","));
        assertEquals(List.of(new InternetAddress("support@sender.test")), List.of(m.getReplyTo()));
    }

    @Test
    void bccIsInTheEnvelopeButInNoHeader() throws Exception {
        ComposedMessage composed = composer.compose(message().bcc("auditor@audit.test").text("x").build());
        assertEquals(List.of(new InternetAddress(TO), new InternetAddress("auditor@audit.test")),
                List.of(composed.recipients()));
        assertNull(roundTrip(composed).getHeader("Bcc"));
    }

    @Test
    void aCustomHeaderIsWritten() throws Exception {
        MimeMessage m = roundTrip(message().header("X-Order-Id", "42").text("x").build());
        assertEquals("42", m.getHeader("X-Order-Id", ","));
    }

    @Test
    void highPriorityWritesXPriorityAndImportance() throws Exception {
        MimeMessage m = roundTrip(message().priority(Priority.HIGH).text("x").build());
        assertEquals("1 (Highest)", m.getHeader("X-Priority", ","));
        assertEquals("High", m.getHeader("Importance", ","));
    }

    @Test
    void normalPriorityWritesNoPriorityHeader() throws Exception {
        MimeMessage m = roundTrip(message().text("x").build());
        assertNull(m.getHeader("X-Priority"));
        assertNull(m.getHeader("Importance"));
    }

    @Test
    void aUtf8SubjectIsEncodedOnTheWireAndReadsBackTheSame() throws Exception {
        String subject = "Grüße – 注文 ✓";
        byte[] wire = write(composer.compose(message().subject(subject).text("x").build()));
        assertTrue(isAscii(wire), "headers and body must be 7-bit on the wire");
        assertEquals(subject, parse(wire).getSubject());
    }

    @Test
    void theDefaultFromIsUsedWhenTheMessageHasNone() throws Exception {
        MimeComposer withDefault = new MimeComposer(SESSION, UTF8_SESSION, "noreply@sender.test");
        Email email = Email.builder().to(TO).text("x").build();
        assertEquals("noreply@sender.test", roundTrip(withDefault.compose(email)).getHeader("From", ","));
    }

    @Test
    void noFromAndNoDefaultFromIsRefusedNamingFrom() {
        Email email = Email.builder().to(TO).text("x").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> composer.compose(email));
        assertEquals("from", e.field());
        assertTrue(e.getMessage().startsWith("MAILROOM-1021"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"from", "to", "cc", "bcc", "replyTo"})
    void anInvalidAddressIsRefusedNamingItsField(String field) {
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> composer.compose(withBadAddressIn(field)));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().contains(BAD_ADDRESS), e.getMessage());
    }

    private static Email.Builder message() {
        return Email.builder().from(FROM).to(TO).subject("Test");
    }

    private static Email withBadAddressIn(String field) {
        Email.Builder b = Email.builder().from("from".equals(field) ? BAD_ADDRESS : FROM).to(TO).text("x");
        switch (field) {
            case "to" -> b.to(BAD_ADDRESS);
            case "cc" -> b.cc(BAD_ADDRESS);
            case "bcc" -> b.bcc(BAD_ADDRESS);
            case "replyTo" -> b.replyTo(BAD_ADDRESS);
            default -> { }
        }
        return b.build();
    }

    private MimeMessage roundTrip(Email email) throws Exception {
        return roundTrip(composer.compose(email));
    }

    private static MimeMessage roundTrip(ComposedMessage composed) throws Exception {
        return parse(write(composed));
    }

    private static byte[] write(ComposedMessage composed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        composed.message().writeTo(out);
        return out.toByteArray();
    }

    private static MimeMessage parse(byte[] wire) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(wire));
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static List<String> baseTypes(MimeMultipart multipart) throws Exception {
        String[] types = new String[multipart.getCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = multipart.getBodyPart(i).getContentType().split(";")[0].strip().toLowerCase();
        }
        return List.of(types);
    }

    private static void assertAttachment(BodyPart part, String fileName, byte[] content) throws Exception {
        assertEquals(fileName, part.getFileName());
        assertEquals(BodyPart.ATTACHMENT, part.getDisposition());
        assertArrayEquals(content, part.getInputStream().readAllBytes());
    }
}
