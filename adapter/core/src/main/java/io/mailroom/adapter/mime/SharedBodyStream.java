package io.mailroom.adapter.mime;

import io.mailroom.adapter.outbox.MessageBody;

import jakarta.mail.internet.SharedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A stored message body as the {@link SharedInputStream} Jakarta Mail wants, so that a
 * {@link StoredMessage} parses only the header block and copies the content from the body to the
 * SMTP connection as it sends it, instead of reading the whole message into an array. Each
 * {@link #newStream} opens the body again at its start (a positional read for the journal's
 * bodies). Buffered, because the header parser reads byte by byte.
 *
 * <p>Hand-written: Jakarta Mail's own shared streams are over a byte array or a
 * {@code java.io.File}, and an outbox's body is neither (a range of a journal segment, read
 * through the journal's file layer).
 */
public final class SharedBodyStream extends InputStream implements SharedInputStream {
    private static final int BUFFER = 8192;

    private final MessageBody body;
    private final long start;
    private final long end;
    private long position;
    private InputStream in;
    private byte[] buffer;
    private int next;
    private int filled;

    /** A stream over the whole body. */
    public SharedBodyStream(MessageBody body) {
        this(body, 0, body.size());
    }

    private SharedBodyStream(MessageBody body, long start, long end) {
        this.body = body;
        this.start = start;
        this.end = end;
        this.position = start;
    }

    @Override
    public int read() throws IOException {
        if (next == filled && !fill()) {
            return -1;
        }
        return buffer[next++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (next == filled && !fill()) {
            return -1;
        }
        int n = Math.min(len, filled - next);
        System.arraycopy(buffer, next, b, off, n);
        next += n;
        return n;
    }

    /** Writes the rest straight from this stream's buffer, with no second buffer. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long written = 0;
        while (next < filled || fill()) {
            out.write(buffer, next, filled - next);
            written += filled - next;
            next = filled;
        }
        return written;
    }

    /** Reads the next chunk of the body into the buffer; {@code false} at the end. */
    private boolean fill() throws IOException {
        long left = end - position;
        if (left <= 0) {
            return false;
        }
        if (in == null) {
            in = body.open();
            in.skipNBytes(start);
            buffer = new byte[(int) Math.min(BUFFER, end - start)]; // a 1 KB message needs no 8 KB
        }
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
            throw new IOException("the stored message ends after " + position + " of its " + body.size() + " bytes");
        }
        position += n;
        next = 0;
        filled = n;
        return true;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, end - position + (filled - next));
    }

    /** @return the offset of the next byte read, from this stream's start */
    @Override
    public long getPosition() {
        return position - (filled - next) - start;
    }

    /**
     * @param from where the new stream starts, from this stream's start
     * @param to where it ends, or {@code -1} for this stream's end
     */
    @Override
    public InputStream newStream(long from, long to) {
        long newEnd = to == -1 ? end : start + to;
        if (from < 0 || start + from > newEnd || newEnd > end) {
            throw new IllegalArgumentException("range " + from + ".." + to + " outside the body");
        }
        return new SharedBodyStream(body, start + from, newEnd);
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            try {
                in.close();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
