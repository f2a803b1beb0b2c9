package io.mailroom.adapter.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header fields of a message in order, each as written (folding included), and where the
 * body starts: what DKIM signs and what S/MIME splits into outer headers and content. Bytes are
 * read as ISO-8859-1, so every byte survives the round trip.
 */
public final class RawMessage {
    private final List<String> fields;
    private final int bodyOffset;

    private RawMessage(List<String> fields, int bodyOffset) {
        this.fields = fields;
        this.bodyOffset = bodyOffset;
    }

    /**
     * @param message a message with CRLF line ends
     * @return its header fields and body offset
     */
    public static RawMessage parse(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.startsWith("\r\n") ? 0 : text.indexOf("\r\n\r\n");
        int bodyOffset = end < 0 ? message.length : end == 0 ? 2 : end + 4;
        String header = end < 0 ? text : text.substring(0, end == 0 ? 0 : end + 2);
        List<String> fields = new ArrayList<>();
        StringBuilder field = null;
        for (String line : header.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && field != null) {
                field.append("\r\n").append(line);
            } else {
                if (field != null) {
                    fields.add(field.toString());
                }
                field = new StringBuilder(line);
            }
        }
        if (field != null) {
            fields.add(field.toString());
        }
        return new RawMessage(List.copyOf(fields), bodyOffset);
    }

    /** @return the fields, top to bottom, each without its final CRLF */
    public List<String> fields() {
        return fields;
    }

    /** @return the offset of the first body byte */
    public int bodyOffset() {
        return bodyOffset;
    }

    /** @return the field's name, as written */
    public static String name(String field) {
        int colon = field.indexOf(':');
        return (colon < 0 ? field : field.substring(0, colon)).strip();
    }

    /**
     * What goes on the wire: SMTP needs CRLF line ends, and a signature over bare LFs would not
     * survive the transport's conversion. Bare CR and bare LF both become CRLF.
     */
    public static byte[] crlf(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 40);
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
