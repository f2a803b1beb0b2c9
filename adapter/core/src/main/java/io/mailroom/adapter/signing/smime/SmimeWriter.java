package io.mailroom.adapter.signing.smime;

import io.mailroom.adapter.mime.RawMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Splits a finished message into the headers that stay on the outer message (From, To, Subject,
 * Date, Message-ID...) and its content as a MIME body part, and joins an outer header block with a
 * new content (signed or encrypted) again. Works on bytes, so the outer headers come out exactly
 * as they went in.
 */
final class SmimeWriter {
    private static final Session SESSION = Session.getInstance(new Properties());

    private SmimeWriter() {
    }

    /** The outer header lines (not Content-*), each with its CRLF. */
    static String outerHeaders(byte[] message) {
        StringBuilder out = new StringBuilder();
        for (String field : RawMessage.parse(message).fields()) {
            if (!isContentField(field)) {
                out.append(field).append("\r\n");
            }
        }
        return out.toString();
    }

    /**
     * @return the content of the message as a body part: its Content-* fields and its body bytes,
     *         with a transfer encoding named so that the part is written back byte for byte
     */
    static MimeBodyPart content(byte[] message) throws MessagingException {
        StringBuilder headers = new StringBuilder();
        boolean encoding = false;
        for (String field : RawMessage.parse(message).fields()) {
            if (isContentField(field)) {
                headers.append(field).append("\r\n");
                encoding |= field.toLowerCase(Locale.ROOT).startsWith("content-transfer-encoding:");
            }
        }
        if (!encoding) {
            // Composed messages are 7-bit throughout (text parts are 7bit, quoted-printable or base64).
            headers.append("Content-Transfer-Encoding: 7bit\r\n");
        }
        int body = RawMessage.parse(message).bodyOffset();
        ByteArrayOutputStream part = new ByteArrayOutputStream(message.length + 64);
        part.writeBytes(headers.toString().getBytes(StandardCharsets.ISO_8859_1));
        part.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        part.write(message, body, message.length - body);
        return new MimeBodyPart(new ByteArrayInputStream(part.toByteArray()));
    }

    /** The outer headers, then the new content's Content-* fields and body. */
    static byte[] join(String outerHeaders, Object content) throws MessagingException, IOException {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        if (content instanceof Multipart multipart) {
            // A scratch message gives the multipart its Content-Type (with the boundary and, for
            // multipart/signed, protocol and micalg); only its Content-* fields are kept.
            MimeMessage scratch = new MimeMessage(SESSION);
            scratch.setContent(multipart);
            scratch.saveChanges();
            scratch.writeTo(written);
        } else {
            ((MimeBodyPart) content).writeTo(written);
        }
        byte[] bytes = RawMessage.crlf(written.toByteArray());
        RawMessage parsed = RawMessage.parse(bytes);
        StringBuilder head = new StringBuilder(outerHeaders);
        for (String field : parsed.fields()) {
            if (isContentField(field)) {
                head.append(field).append("\r\n");
            }
        }
        head.append("\r\n");
        int body = parsed.bodyOffset();
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + bytes.length - body);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes, body, bytes.length - body);
        return out.toByteArray();
    }

    private static boolean isContentField(String field) {
        return field.regionMatches(true, 0, "Content-", 0, 8);
    }
}
