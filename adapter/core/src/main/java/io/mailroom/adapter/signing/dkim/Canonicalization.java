package io.mailroom.adapter.signing.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The two DKIM canonicalization algorithms of RFC 6376 section 3.4, for header fields and for the
 * body. Input is a message whose lines all end in CRLF (see {@code RawMessage.crlf}).
 */
public enum Canonicalization {
    /** Exactly as written: any change to the bytes breaks the signature (3.4.1, 3.4.3). */
    SIMPLE,
    /** Tolerates the usual rewrites in transit: header case, folding and whitespace runs (3.4.2, 3.4.4). */
    RELAXED;

    /**
     * @param text {@code relaxed} or {@code simple}, in any case
     * @return the algorithm
     * @throws IllegalArgumentException for any other text
     */
    public static Canonicalization of(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /** @return the name in a DKIM-Signature's {@code c=} tag */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param field one header field as written, folding included, without the final CRLF
     * @return the canonical form, with a final CRLF
     */
    String header(String field) {
        if (this == SIMPLE) {
            return field + "\r\n";
        }
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name + ":" + value + "\r\n";
    }

    /**
     * @param message the whole message
     * @param from offset of the first body byte
     * @return the canonical body
     */
    byte[] body(byte[] message, int from) {
        String body = new String(message, from, message.length - from, StandardCharsets.ISO_8859_1);
        if (this == RELAXED) {
            StringBuilder out = new StringBuilder(body.length());
            for (String line : body.split("\r\n", -1)) {
                out.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
            }
            body = out.toString();
        } else if (!body.endsWith("\r\n")) {
            body = body + "\r\n";
        }
        // Both: no empty lines at the end. Simple keeps one CRLF even for an empty body; relaxed none.
        int end = body.length();
        while (end >= 4 && body.startsWith("\r\n\r\n", end - 4)) {
            end -= 2;
        }
        body = body.substring(0, end);
        if (body.equals("\r\n") && this == RELAXED) {
            body = "";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length());
        bytes.writeBytes(body.getBytes(StandardCharsets.ISO_8859_1));
        return bytes.toByteArray();
    }
}
