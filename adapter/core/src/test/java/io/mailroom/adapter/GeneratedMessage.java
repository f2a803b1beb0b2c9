package io.mailroom.adapter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A large RFC 5322 message made up on the fly as it is read, so a test can stream hundreds of
 * megabytes without holding them (or storing them in the repository): a few headers, then body
 * lines of 76 characters that depend on their number. Two instances with the same arguments give
 * the same bytes.
 */
final class GeneratedMessage extends InputStream {
    private static final int LINE = 78; // 76 characters and CRLF

    private final byte[] headers;
    private final long lines;
    private final byte[] line = new byte[LINE];
    private long position;

    /** @param bodyBytes the body's size, rounded down to whole lines */
    GeneratedMessage(String messageId, long bodyBytes) {
        this.headers = ("From: Archive <archive@sender.test>\r\nTo: customer@receiver.test\r\nSubject: Large forward\r\n"
                + "Message-ID: " + messageId + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=US-ASCII\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.lines = bodyBytes / LINE;
    }

    int headerBytes() {
        return headers.length;
    }

    long size() {
        return headers.length + lines * LINE;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Line {@code n}: its number in 16 hex digits and a space, then letters shifted by it, never a
     * leading dot. Allocates nothing, so the test measures the code under test, not this.
     */
    private static void fill(byte[] into, long n) {
        for (int i = 0; i < 16; i++) {
            into[i] = (byte) Character.forDigit((int) (n >>> (60 - 4 * i)) & 0xf, 16);
        }
        into[16] = ' ';
        for (int i = 17; i < LINE - 2; i++) {
            into[i] = (byte) ('a' + (n + i) % 26);
        }
        into[LINE - 2] = '\r';
        into[LINE - 1] = '\n';
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        long size = size();
        if (position >= size) {
            return -1;
        }
        int n = 0;
        while (n < len && position < size) {
            if (position < headers.length) {
                b[off + n++] = headers[(int) position++];
                continue;
            }
            long inBody = position - headers.length;
            long lineNumber = inBody / LINE;
            int column = (int) (inBody % LINE);
            if (column == 0) {
                fill(line, lineNumber);
            }
            int take = Math.min(len - n, LINE - column);
            System.arraycopy(line, column, b, off + n, take);
            n += take;
            position += take;
        }
        return n;
    }
}
