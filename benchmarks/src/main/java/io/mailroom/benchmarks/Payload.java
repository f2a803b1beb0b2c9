package io.mailroom.benchmarks;

import io.mailroom.api.Email;

import java.nio.charset.StandardCharsets;

/**
 * The content every scenario sends, so that they all carry the same bytes: a fixed sender, a
 * recipient and subject per message index, and an ASCII body of an exact size in lines of at most
 * 78 characters.
 */
public final class Payload {
    /** The envelope and header sender of every message. */
    public static final String FROM = "bench@example.com";

    private static final String LINE = "The quick brown fox jumps over the lazy dog; pack my box with five dozen jugs";

    private Payload() {
    }

    /** @return message {@code index} as an application builds it, with {@code body} as its text */
    public static Email email(int index, String body) {
        return Email.builder()
                .from(FROM)
                .to(recipient(index))
                .subject(subject(index))
                .text(body)
                .build();
    }

    /** @return the recipient of message {@code index}; a thousand distinct addresses in turn */
    public static String recipient(int index) {
        return "rcpt" + (index % 1000) + "@example.com";
    }

    /** @return the subject of message {@code index} */
    public static String subject(int index) {
        return "Benchmark message " + index;
    }

    /** @return an ASCII text of exactly {@code bytes} bytes, CRLF line ends included */
    public static String body(int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        while (text.length() + LINE.length() + 2 <= bytes) {
            text.append(LINE).append("\r\n");
        }
        text.append("x".repeat(bytes - text.length()));
        return text.toString();
    }

    /** @return a complete RFC 5322 message around {@link #body(int)}, as bytes */
    public static byte[] rfc5322(int index, int bodyBytes) {
        return (headers(index) + body(bodyBytes)).getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the header block of a pre-composed message, ending with the empty line */
    public static String headers(int index) {
        return "From: " + FROM + "\r\n"
                + "To: " + recipient(index) + "\r\n"
                + "Subject: " + subject(index) + "\r\n"
                + "Message-ID: <bench-" + index + "@example.com>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n";
    }
}
