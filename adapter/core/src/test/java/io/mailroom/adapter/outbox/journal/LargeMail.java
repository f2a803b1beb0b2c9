package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Large messages for the journal tests, made as they are read: a body given as a stream (as a
 * spool file is), never an array, so the journal has to copy it in chunks.
 */
final class LargeMail {
    /** Past {@link RecordCodec#INLINE_BODIES} and {@link JournalReplay#LOADED_FRAME}, not a multiple of the copy buffer. */
    static final int SIZE = RecordCodec.INLINE_BODIES + RecordCodec.INLINE_BODIES / 2 + 4321;

    private LargeMail() {
    }

    /** @return a message of {@link #SIZE} bytes that depend on {@code variant} */
    static OutboxMessage message(int variant) {
        MessageBody body = new MessageBody() {
            @Override
            public long size() {
                return SIZE;
            }

            @Override
            public InputStream open() {
                return content(variant);
            }
        };
        return new OutboxMessage("bounce@example.com", List.of("large@example.org"), "<large-" + variant + "@mailroom.test>",
                body);
    }

    /** @return the bytes of {@link #message(int)}, each depending on the variant and its position */
    static InputStream content(int variant) {
        return new InputStream() {
            private int position;

            @Override
            public int read() {
                return position < SIZE ? (variant * 31 + position++ * 7) % 251 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= SIZE) {
                    return -1;
                }
                int n = Math.min(len, SIZE - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
    }

    /** @return the SHA-256 of what the stream holds; closes it */
    static byte[] digest(InputStream in) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (in) {
            byte[] chunk = new byte[8192];
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                sha.update(chunk, 0, n);
            }
        }
        return sha.digest();
    }
}
