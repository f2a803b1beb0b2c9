package io.mailroom.adapter.outbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
     * Gives up the body's temporary storage (a spool file); it must not be read afterwards.
     * Idempotent; does nothing for a body without one.
     */
    default void release() {
    }

    /** @return a body over these bytes, which are not copied and must not change */
    static MessageBody of(byte[] bytes) {
        return new InMemory(bytes);
    }

    /** Bytes in memory. */
    final class InMemory implements MessageBody {
        private final byte[] bytes;

        private InMemory(byte[] bytes) {
            this.bytes = Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public boolean inMemory() {
            return true;
        }

        /** @return the bytes themselves, not a copy */
        @Override
        public byte[] bytes() {
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof InMemory m && Arrays.equals(bytes, m.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return bytes.length + " bytes in memory";
        }
    }
}
