package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

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
        try {
            writeFully(frame.duplicate(), start);
        } catch (IOException e) {
            throw cutBack(start, e);
        }
        size = start + frame.remaining();
        return start;
    }

    /** Cuts a failed append off again; if even that fails, the segment is {@link #damaged()}. */
    private <E extends Exception> E cutBack(long start, E failure) {
        try {
            channel.truncate(start);
        } catch (IOException truncateFailure) {
            failure.addSuppressed(truncateFailure);
            damaged = true;
        }
        return failure;
    }

    /** The buffer a streamed append copies each body through: what such an append costs in heap. */
    static final int COPY_BUFFER = 64 * 1024;

    /**
     * Appends a frame at the end, copying its bodies from their streams in {@link #COPY_BUFFER}
     * chunks and computing the checksum over everything after the frame header as it goes; the
     * checksum is written into the header last. A torn copy therefore never passes the checksum.
     * Failure handling is that of {@link #append(ByteBuffer)}.
     *
     * @return the offset the frame starts at
     * @throws IOException also if a body yields more or fewer bytes than its size
     */
    long append(RecordCodec.Encoded encoded) throws IOException {
        if (encoded.bodies().isEmpty()) {
            return append(encoded.frame());
        }
        if (encoded.gathered()) {
            return appendGathered(encoded);
        }
        long start = size;
        long position = start;
        CRC32C crc = new CRC32C();
        try {
            byte[] chunk = new byte[COPY_BUFFER];
            for (int i = 0; i < encoded.heads().size(); i++) {
                ByteBuffer head = encoded.heads().get(i).duplicate();
                crc.update(i == 0 ? head.duplicate().position(RecordCodec.FRAME_HEADER) : head.duplicate());
                position = writeFully(head, position);
                if (i < encoded.bodies().size()) {
                    position = copy(encoded.bodies().get(i), chunk, crc, position);
                }
            }
            if (position - start != encoded.length()) {
                throw new IOException("frame of " + (position - start) + " bytes written, " + encoded.length() + " expected");
            }
            writeFully(ByteBuffer.allocate(4).putInt(0, (int) crc.getValue()), start + 4);
        } catch (IOException e) {
            throw cutBack(start, e);
        } catch (RuntimeException e) {
            throw cutBack(start, e);
        }
        size = position;
        return start;
    }

    /**
     * Appends a frame whose bodies are in memory and whose checksum is filled in, with gathering
     * writes of its parts as they are. Failure handling is that of {@link #append(ByteBuffer)}.
     * Uses the channel's position, which only appends (under the journal lock) move; reads are
     * positional.
     */
    private long appendGathered(RecordCodec.Encoded encoded) throws IOException {
        long start = size;
        ByteBuffer[] parts = encoded.parts();
        long total = 0;
        for (ByteBuffer part : parts) {
            total += part.remaining();
        }
        if (total != encoded.length()) {
            throw new IllegalStateException("frame parts of " + total + " bytes, " + encoded.length() + " expected");
        }
        try {
            channel.position(start);
            for (long written = 0; written < total; ) {
                written += channel.write(parts);
            }
        } catch (IOException e) {
            throw cutBack(start, e);
        } catch (RuntimeException e) {
            throw cutBack(start, e);
        }
        size = start + encoded.length();
        return start;
    }

    private long copy(MessageBody body, byte[] chunk, CRC32C crc, long from) throws IOException {
        long position = from;
        long end = from + body.size();
        try (InputStream in = body.open()) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                if (position + n > end) {
                    throw new IOException("a message body has more bytes than its size, " + body.size());
                }
                crc.update(chunk, 0, n);
                position = writeFully(ByteBuffer.wrap(chunk, 0, n), position);
            }
        }
        if (position != end) {
            throw new IOException("a message body ended after " + (position - from) + " of its " + body.size() + " bytes");
        }
        return position;
    }

    private long writeFully(ByteBuffer bytes, long from) throws IOException {
        long position = from;
        while (bytes.hasRemaining()) {
            position += channel.write(bytes, position);
        }
        return position;
    }

    /** @return whether a failed append may have left a partial frame at the end */
    boolean damaged() {
        return damaged;
    }

    /** @return a stream over the first {@code length} bytes, read with positional reads */
    InputStream inputStream(long length) {
        return inputStream(0, length);
    }

    /**
     * @return a stream over {@code length} bytes from {@code from}, read with positional reads;
     *         skipping moves the position without reading
     */
    InputStream inputStream(long from, long length) {
        long end = from + length;
        return new InputStream() {
            private long position = from;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                if (n < 0) {
                    throw new EOFException(file + " ends before offset " + end);
                }
                position += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long skipped = Math.max(0, Math.min(n, end - position));
                position += skipped;
                return skipped;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, end - position);
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
