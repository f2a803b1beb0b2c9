package io.mailroom.adapter.smtp.pipelining;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * Where Angus writes the message in a pipelined transaction: held in memory, up to a limit, so that
 * it goes out in one write, as {@code BDAT <n> LAST} when the server offers CHUNKING (its size must
 * be known first), else after {@code DATA}'s 354, dot-stuffed in one pass ({@link DataBody}). A message that grows past the limit goes on
 * through Angus's {@code DATA} stream instead: the first time it does, {@link Overflow#start()} (for
 * BDAT: sends the envelope and {@code DATA}) returns that stream, and everything held and everything
 * after goes to it. If that
 * stream is {@code null} (the transaction failed; the transport keeps the failure), the rest of
 * the message is read and dropped, so that Angus finishes writing and the failure is reported from
 * {@code finishData()} as a {@code MessagingException}.
 */
final class ChunkingBody extends OutputStream {
    /** Starts the DATA transaction of a message too large to hold. */
    @FunctionalInterface
    interface Overflow {
        /** @return Angus's dot-stuffing DATA stream, or {@code null} if the transaction failed */
        OutputStream start() throws IOException;
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private final int limit;
    private final Overflow overflow;
    private final Held held;
    private boolean overflowed;
    private OutputStream data;

    /** @param held the connection's buffer, emptied here: one message at a time uses it */
    ChunkingBody(int limit, Overflow overflow, Held held) {
        this.limit = limit;
        this.overflow = overflow;
        this.held = held;
        held.reset();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (!overflowed && held.size() + len <= limit) {
            held.write(b, off, len);
            return;
        }
        if (!overflowed) {
            overflowed = true;
            data = overflow.start();
            if (data != null) {
                data.write(held.array(), 0, held.size());
            }
            held.reset();
        }
        if (data != null) {
            data.write(b, off, len);
        }
    }

    /** @return {@code true} if the message went past the limit and so through DATA */
    boolean overflowed() {
        return overflowed;
    }

    /**
     * @return the held message with every line ending in CRLF (bare CR and bare LF made CRLF, as
     *         Angus does for DATA), ending with CRLF unless empty
     */
    byte[] canonical() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(held.size() + held.size() / 32 + 2);
        CRLFOutputStream crlf = new CRLFOutputStream(out);
        crlf.write(held.array(), 0, held.size());
        crlf.flush();
        int n = out.size();
        if (n > 0) {
            byte[] bytes = out.toByteArray();
            if (n < 2 || bytes[n - 2] != '\r' || bytes[n - 1] != '\n') {
                out.write(CRLF);
                return out.toByteArray();
            }
            return bytes;
        }
        return new byte[0];
    }

    /** @return the held message after {@code DATA}'s 354: CRLF line ends, dot-stuffed, then the final dot */
    byte[] dataWithFinalDot() {
        return DataBody.withFinalDot(held.array(), held.size());
    }

    /**
     * A byte array stream that lends its array instead of copying it: one per connection, reused by
     * each message (a new 4 KB array per message was a fifth of the direct path's allocation).
     */
    static final class Held extends ByteArrayOutputStream {
        /** Room for a 1 KB message and its headers without growing. */
        private static final int FIRST_SIZE = 4096;
        /** A connection keeps at most this much between messages. */
        private static final int KEPT_SIZE = 64 * 1024;

        Held() {
            super(FIRST_SIZE);
        }

        /** Lets a large message's array go once it is sent. */
        void trim() {
            reset();
            if (buf.length > KEPT_SIZE) {
                buf = new byte[FIRST_SIZE];
            }
        }

        byte[] array() {
            return buf;
        }
    }
}
