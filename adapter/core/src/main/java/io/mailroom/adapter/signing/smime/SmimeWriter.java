package io.mailroom.adapter.signing.smime;

import io.mailroom.adapter.mime.RawMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits a finished message into the headers that stay on the outer message (From, To, Subject,
 * Date, Message-ID...) and its content as a MIME entity, and joins an outer header block with a
 * new entity (signed or encrypted) again. Works on bytes, so the outer headers come out exactly
 * as they went in.
 */
final class SmimeWriter {
    private SmimeWriter() {
    }

    /** The outer header lines (not Content-*), each with its CRLF. */
    static String outerHeaders(RawMessage parsed) {
        StringBuilder out = new StringBuilder();
        for (String field : parsed.fields()) {
            if (!isContentField(field)) {
                out.append(field).append("\r\n");
            }
        }
        return out.toString();
    }

    /**
     * @return the content of the message as a MIME entity: its Content-* fields and its body bytes,
     *         with a transfer encoding named (composed messages are 7-bit throughout)
     */
    static byte[] content(byte[] message, RawMessage parsed) {
        StringBuilder headers = new StringBuilder();
        boolean encoding = false;
        for (String field : parsed.fields()) {
            if (isContentField(field)) {
                headers.append(field).append("\r\n");
                encoding |= field.toLowerCase(Locale.ROOT).startsWith("content-transfer-encoding:");
            }
        }
        if (!encoding) {
            // Composed messages are 7-bit throughout (text parts are 7bit, quoted-printable or base64).
            headers.append("Content-Transfer-Encoding: 7bit\r\n");
        }
        headers.append("\r\n");
        int body = parsed.bodyOffset();
        ByteArrayOutputStream part = new ByteArrayOutputStream(headers.length() + message.length - body);
        part.writeBytes(headers.toString().getBytes(StandardCharsets.ISO_8859_1));
        part.write(message, body, message.length - body);
        return part.toByteArray();
    }

    /** The outer headers, then the entity (its Content-* fields, the empty line and its body). */
    static byte[] join(String outerHeaders, byte[] entity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(outerHeaders.length() + entity.length);
        out.writeBytes(outerHeaders.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(entity);
        return out.toByteArray();
    }

    private static boolean isContentField(String field) {
        return field.regionMatches(true, 0, "Content-", 0, 8);
    }
}
