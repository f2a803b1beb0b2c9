package io.mailroom.adapter.outbox.journal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One journal file. Appends are made by the journal writer under its lock; reads are positional
 * and may run concurrently from any thread.
 */
final class Segment implements AutoCloseable {
    private final long sequence;
    private final Path file;
    private final JournalFiles files;
    private final FileChannel channel;
    private volatile long size;
    private volatile boolean damaged;

    private Segment(long sequence, Path file, JournalFiles files, FileChannel channel, long size) {
        this.sequence = sequence;
        this.file = file;
        this.files = files;
        this.channel = channel;
        this.size = size;
    }

    /** Opens an existing segment file for reading and appending. */
    static Segment open(long sequence, Path file, JournalFiles files) throws IOException {
        FileChannel channel = files.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(sequence, file, files, channel, channel.size());
    }

    /** Creates a new, empty segment file; fails if it exists. */
    static Segment create(long sequence, Path file, JournalFiles files) throws IOException {
        FileChannel channel = files.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(sequence, file, files, channel, 0);
    }

    long sequence() {
        return sequence;
    }

    Path file() {
        return file;
    }

    /** @return the bytes written so far */
    long size() {
        return size;
    }

    /**
     * Appends the frame at the end. If the write fails part way, the partial bytes are cut off
     * again before the exception is thrown; if even that fails, the segment is {@link #damaged()}.
     *
     * @return the offset the frame starts at
     */
    long append(ByteBuffer frame) throws IOException {
        long start = size;
        ByteBuffer bytes = frame.duplicate();
        try {
            long position = start;
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException e) {
            try {
                channel.truncate(start);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
                damaged = true;
            }
            throw e;
        }
        size = start + frame.remaining();
        return start;
    }

    /** @return whether a failed append may have left a partial frame at the end */
    boolean damaged() {
        return damaged;
    }

    /** @return a stream over the first {@code length} bytes, read with positional reads */
    InputStream inputStream(long length) {
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= length) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, length - position)), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        };
    }

    /** Reads {@code length} bytes at {@code position}. */
    byte[] read(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException(file + " ends before offset " + (position + length));
            }
        }
        return buffer.array();
    }

    /** Forces the written bytes (not the file's metadata beyond what reading them needs) to disk. */
    void force() throws IOException {
        channel.force(false);
    }

    /** Cuts the file back to {@code newSize} bytes and forces that. */
    void truncate(long newSize) throws IOException {
        channel.truncate(newSize);
        channel.force(true);
        size = newSize;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Closes and deletes the file. */
    void delete() throws IOException {
        channel.close();
        files.deleteIfExists(file);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
