package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Display names, subjects, custom headers and file names with non-ASCII text go out as RFC 2047
 * encoded words and RFC 2231 parameters: every header byte is ASCII, no line passes 998 octets,
 * and Angus Mail's parser (a second check to the Python one in the property tests) reads back
 * exactly what was given. Line ends and dot-stuffing in DATA are right on every path.
 */
class HeaderEncodingTest {
    private static final String JUERGEN = "Jürgen Müller";
    private static final String TARO = "山田 太郎";

    @RegisterExtension
    final ScriptedServerExtension server = new ScriptedServerExtension();

    @Test
    void nonAsciiNamesSubjectsHeadersAndFileNamesDecodeBackToTheInput() throws Exception {
        String subject = "Grüße aus 東京 =?not-a-word?= \u760A\u760D";
        String fileName = "Bericht " + JUERGEN + " " + TARO + ".pdf";
        server.mailroom().send(Email.builder().from(JUERGEN + " <j.mueller@sender.test>").to(TARO + " <taro@receiver.test>")
                .subject(subject).header("X-Note", "Straße \u2028 " + TARO).text("t")
                .attach(Attachment.fromBytes(fileName, "application/pdf", new byte[] {1, 2, 3})).build());
        byte[] data = server.smtp().messages().get(0).data();
        String headers = headerBlock(data);
        assertTrue(headers.chars().allMatch(c -> c < 0x80), "header bytes are ASCII:\n" + headers);
        MimeMessage parsed = parse(data);
        assertEquals(JUERGEN, ((InternetAddress) parsed.getFrom()[0]).getPersonal());
        assertEquals(TARO, ((InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal());
        assertEquals(subject, parsed.getSubject());
        assertEquals("Straße \u2028 " + TARO, MimeUtility.decodeText(MimeUtility.unfold(parsed.getHeader("X-Note")[0])));
        Part attachment = ((Multipart) parsed.getContent()).getBodyPart(1);
        assertEquals(fileName, attachment.getFileName());
    }

    @Test
    void aLongCustomHeaderIsFoldedBelow998OctetsAndDecodesBack() throws Exception {
        String longWord = "x".repeat(2_500);
        String oneMegabyte = "word ".repeat(200_000).strip();
        server.mailroom().send(Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).subject("long")
                .header("X-Long-Word", longWord).header("X-Megabyte", oneMegabyte).text("t").build());
        byte[] data = server.smtp().messages().get(0).data();
        for (String line : new String(data, StandardCharsets.ISO_8859_1).split("\r\n")) {
            assertTrue(line.length() <= 998, "a line of " + line.length() + " octets");
        }
        MimeMessage parsed = parse(data);
        assertEquals(longWord, MimeUtility.decodeText(MimeUtility.unfold(parsed.getHeader("X-Long-Word")[0])));
        assertEquals(oneMegabyte, MimeUtility.unfold(parsed.getHeader("X-Megabyte")[0]));
    }

    @Test
    void aNulInAHeaderValueIsRefusedNamingTheHeader() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> Email.builder().header("X-Tag", "a\u0000b"));
        assertEquals("header:X-Tag", e.field());
    }

    @Test
    void aNulInASubjectIsRefused() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> Email.builder().subject("a\u0000b"));
        assertEquals("subject", e.field());
    }

    @Test
    void aRawMessageWithLfLineEndsGoesOutWithCrlfAndItsDotsStuffed() {
        byte[] raw = "From: a@sender.test\nSubject: lf\n\n.starts with a dot\n.\nbare\rcarriage return\n"
                .getBytes(StandardCharsets.US_ASCII);
        server.mailroom().sendRaw(raw, Envelope.of("a@sender.test", TestMailroom.TO));
        byte[] data = server.smtp().messages().get(0).data();
        assertNoBareLineEnds(data);
        assertEquals("From: a@sender.test\r\nSubject: lf\r\n\r\n.starts with a dot\r\n.\r\nbare\r\ncarriage return\r\n",
                new String(data, StandardCharsets.US_ASCII));
    }

    @Test
    void aTextBodyWithMixedLineEndsGoesOutWithCrlfAndItsDotsStuffed() throws Exception {
        server.mailroom().send(Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).subject("dots")
                .text("one\n.\n.two\rthree\r\nfour").build());
        byte[] data = server.smtp().messages().get(0).data();
        assertNoBareLineEnds(data);
        assertEquals("one\r\n.\r\n.two\r\nthree\r\nfour", parse(data).getContent().toString().strip());
    }

    @Test
    void aRawMessageWithEightBitHeadersKeepsItsBytes() {
        byte[] raw = "From: J\u00fcrgen <a@sender.test>\r\nSubject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
        try (var mail = server.mailroom().connection()) {
            mail.sendRaw(new ByteArrayInputStream(raw), Envelope.of("a@sender.test", TestMailroom.TO));
        }
        assertEquals(new String(raw, StandardCharsets.UTF_8), server.smtp().messages().get(0).text());
    }

    static void assertNoBareLineEnds(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r') {
                assertTrue(i + 1 < data.length && data[i + 1] == '\n', "bare CR at " + i);
            } else if (data[i] == '\n') {
                assertTrue(i > 0 && data[i - 1] == '\r', "bare LF at " + i);
            }
        }
    }

    private static String headerBlock(byte[] data) {
        String all = new String(data, StandardCharsets.ISO_8859_1);
        return all.substring(0, all.indexOf("\r\n\r\n"));
    }

    private static MimeMessage parse(byte[] data) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
    }
}
