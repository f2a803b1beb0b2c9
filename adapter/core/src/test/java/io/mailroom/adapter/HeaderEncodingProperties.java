package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.mime.MimeComposer;
import io.mailroom.adapter.smtp.SessionProperties;
import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile display names, subjects, custom header values and file names, composed in-process (the
 * encoder, without a socket per case): each is refused at the call naming its field, or every
 * header line is ASCII, at most 998 octets, CRLF-terminated, no header appears that was not set,
 * and Angus Mail's parser reads back exactly the input. The Python check of the same generator is
 * {@link PythonDecodesHeadersTest}; the wire is {@link WireSafetyProperties}.
 */
class HeaderEncodingProperties {
    static final String HEADER = "X-Hostile";
    /** Every header a message with one attachment has: what Mailroom writes, plus the one the test sets. */
    static final Set<String> HEADERS = Set.of("Date", "From", "To", "Message-ID", "Subject", HEADER, "MIME-Version",
            "Content-Type");

    private static final Properties SESSION = SessionProperties.of(new SmtpSettings("smtp.example.com", 25, null, null, null,
            "mailroom.test", 1000, 1000, 1000, 100, 300, true));
    private static final Session PLAIN = Session.getInstance(SESSION);
    private static final MimeComposer COMPOSER = new MimeComposer(PLAIN,
            Session.getInstance(MimeComposer.withUtf8(SESSION)), null);

    @Provide
    Arbitrary<String> name() {
        return HostileText.mostlySendableAddressPart();
    }

    /** Hostile text, seven in eight cases without what must be refused, so most cases are sent. */
    @Provide
    Arbitrary<String> text() {
        return HostileText.mostlySendableText();
    }

    @Property(tries = 3000)
    void everyHeaderValueIsRefusedOrEncodedFoldedAndDecodedBack(@ForAll("name") String name,
            @ForAll("text") String subject, @ForAll("text") String value, @ForAll("text") String fileName)
            throws Exception {
        Outcomes.requireMostlySent();
        Set<String> refused = new LinkedHashSet<>();
        if (HostileText.addressRefused(name)) {
            refused.add("from");
        }
        if (HostileText.textRefused(subject)) {
            refused.add("subject");
        }
        if (HostileText.textRefused(value)) {
            refused.add("header:" + HEADER);
        }
        if (fileName.isBlank() || HostileText.textRefused(fileName)) {
            refused.add("attachment file name");
            refused.add("attachment:" + fileName.strip());
        }
        byte[] bytes;
        try {
            bytes = compose(name, subject, value, fileName);
        } catch (InvalidEmailException e) {
            assertTrue(refused.contains(e.field()), () -> HostileText.visible("refused " + e.field() + " (" + e.getMessage()
                    + "), expected one of " + refused));
            Outcomes.count("refused");
            return;
        }
        assertTrue(refused.isEmpty(), () -> HostileText.visible("accepted, but expected a refusal of " + refused));
        Decoded decoded = Decoded.of(bytes);
        assertEquals(name, decoded.fromName == null ? "" : decoded.fromName);
        assertEquals(subject, decoded.subject);
        assertEquals(value, decoded.header);
        assertEquals(fileName.strip(), decoded.fileName);
        Outcomes.count("sent");
    }

    static byte[] compose(String name, String subject, String value, String fileName) {
        Email email = Email.builder().from(HostileText.quoted(name) + " <from@sender.test>").to("to@receiver.test")
                .subject(subject).header(HEADER, value).text("body")
                .attach(Attachment.fromBytes(fileName, "application/octet-stream", new byte[] {1})).build();
        return OutboxMessageCodec.toOutbox(COMPOSER.compose(email), PLAIN).mime();
    }

    /** The values Angus reads back, after the checks of the wire form every message must pass. */
    record Decoded(String fromName, String subject, String header, String fileName) {
        static Decoded of(byte[] bytes) throws Exception {
            checkLines(bytes);
            String all = new String(bytes, StandardCharsets.ISO_8859_1);
            String headers = all.substring(0, all.indexOf("\r\n\r\n"));
            assertTrue(headers.chars().allMatch(c -> c < 0x80), "8-bit header bytes");
            assertEquals(HEADERS, headerNames(headers));
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
            String header = MimeUtility.decodeText(MimeUtility.unfold(m.getHeader(HEADER, null)));
            String file = ((Multipart) m.getContent()).getBodyPart(1).getFileName();
            return new Decoded(((InternetAddress) m.getFrom()[0]).getPersonal(), m.getSubject() == null ? "" : m.getSubject(),
                    header, file);
        }
    }

    /** Every line ends with CRLF (no bare CR or LF) and has at most 998 octets. */
    static void checkLines(byte[] bytes) {
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r') {
                assertTrue(i + 1 < bytes.length && bytes[i + 1] == '\n', "bare CR at " + i);
            } else if (bytes[i] == '\n') {
                assertTrue(i > 0 && bytes[i - 1] == '\r', "bare LF at " + i);
                assertTrue(i - 1 - lineStart <= 998, "a line of " + (i - 1 - lineStart) + " octets");
                lineStart = i + 1;
            }
        }
        assertFalse(bytes.length - lineStart > 998, "a last line of more than 998 octets");
    }

    /** @return the names of the header fields, in a set: a folded line never starts a field */
    static Set<String> headerNames(String headers) {
        List<String> names = new ArrayList<>();
        for (String line : headers.split("\r\n")) {
            if (!line.startsWith(" ") && !line.startsWith("\t")) {
                names.add(line.substring(0, Math.max(0, line.indexOf(':'))));
            }
        }
        Set<String> set = new LinkedHashSet<>(names);
        assertEquals(names.size(), set.size(), "a header twice: " + names);
        return Collections.unmodifiableSet(set);
    }
}
