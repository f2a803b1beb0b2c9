package io.mailroom.adapter.outbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The complete RFC 5322 bytes of an {@link OutboxMessage}, wherever they are: in memory (a
 * composed message, {@link #of(byte[])}), in a spool file while a transaction is open
 * ({@link Spool}), or in the outbox's own storage once stored (the journal hands out bodies that
 * read from its segment). Readers stream it ({@link #open()}), so a large message costs a
 * buffer, not its size in heap.
 *
 * <p>A body is immutable: every {@link #open()} reads the same {@link #size()} bytes from the
 * start. A body that owns a temporary file deletes it on {@link #release()}; the others ignore it.
 */
public interface MessageBody {

    /** @return the number of bytes */
    long size();

    /**
     * @return a new stream over all the bytes, from the first; the caller closes it
     * @throws IOException if the bytes cannot be read (a spool file or segment gone, a disk error)
     */
    InputStream open() throws IOException;

    /**
     * @return whether the bytes are in memory, so {@link #bytes()} costs no I/O and no copy of
     *         size beyond what the body already holds
     */
    default boolean inMemory() {
        return false;
    }

    /**
     * Reads all the bytes into memory. Meant for small messages and for places that keep the
     * message in memory anyway (the capture delivery method); the outbox and delivery stream.
     *
     * @throws UncheckedIOException if they cannot be read
     */
    default byte[] bytes() {
        if (size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a body of " + size() + " bytes does not fit in an array");
        }
        try (InputStream in = open()) {
            return in.readNBytes((int) size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes as a buffer, for a writer that takes buffers (the journal writes a composed
     * message's buffer straight into its file). A body in memory returns a view of its bytes, not
     * a copy, which must not be written to; any other reads {@link #bytes()}.
     *
     * @throws UncheckedIOException if they cannot be read
     */
    default ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes());
    }

    /**
     * Gives up the body's temporary storage (a spool file); it must not be read afterwards.
     * Idempotent; does nothing for a body without one.
     */
    default void release() {
    }

    /** @return a body over these bytes, which are not copied and must not change */
    static MessageBody of(byte[] bytes) {
        return new InMemory(bytes, 0, bytes.length);
    }

    /**
     * @return a body over {@code length} bytes of {@code array} from {@code offset}, which are
     *         not copied and must not change: e.g. the buffer a message was composed into
     */
    static MessageBody of(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        return new InMemory(array, offset, length);
    }

    /** Bytes in memory: all of an array, or a range of one. */
    final class InMemory implements MessageBody {
        private final byte[] array;
        private final int offset;
        private final int length;

        private InMemory(byte[] array, int offset, int length) {
            this.array = Objects.requireNonNull(array, "bytes");
            this.offset = offset;
            this.length = length;
        }

        @Override
        public long size() {
            return length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(array, offset, length);
        }

        @Override
        public boolean inMemory() {
            return true;
        }

        /** @return the bytes themselves if they are a whole array, otherwise a copy of the range */
        @Override
        public byte[] bytes() {
            return offset == 0 && length == array.length ? array : Arrays.copyOfRange(array, offset, offset + length);
        }

        /** @return a view of the bytes, not a copy */
        @Override
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(array, offset, length).slice();
        }

        /** @return the array holding the bytes, from {@link #offset()}; not a copy, not to be written */
        public byte[] array() {
            return array;
        }

        /** @return where the bytes start in {@link #array()} */
        public int offset() {
            return offset;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof InMemory m
                    && Arrays.equals(array, offset, offset + length, m.array, m.offset, m.offset + m.length);
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (int i = offset; i < offset + length; i++) {
                hash = 31 * hash + array[i];
            }
            return hash;
        }

        @Override
        public String toString() {
            return length + " bytes in memory";
        }
    }
}
