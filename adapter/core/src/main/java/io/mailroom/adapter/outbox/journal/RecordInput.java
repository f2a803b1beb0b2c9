package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where {@link RecordCodec#decode(RecordInput)} reads a frame's type and payload from: a buffer
 * in memory ({@link Buffer}) or, for a frame too large to load, the segment's stream
 * ({@link Stream}), which skips message bodies and hands out bodies that read them later.
 * Running out of bytes is a {@link RecordCodec.MalformedRecordException}.
 */
interface RecordInput {
    byte get() throws IOException;

    int getInt() throws IOException;

    long getLong() throws IOException;

    void get(byte[] into) throws IOException;

    /** @return the bytes read since the type byte */
    long position();

    long remaining();

    /** Takes the next {@code length} bytes as a message body (read, or skipped and read later). */
    MessageBody body(int length) throws IOException;

    /** Gives the body of a message that starts {@code position} bytes after the frame's type byte. */
    interface BodySource {
        MessageBody at(long position, int length);
    }

    /** A frame's type and payload in memory; bodies are copied out. */
    final class Buffer implements RecordInput {
        private final ByteBuffer in;
        private final int start;

        Buffer(ByteBuffer in) {
            this.in = in;
            this.start = in.position();
        }

        @Override
        public byte get() {
            return in.get();
        }

        @Override
        public int getInt() {
            return in.getInt();
        }

        @Override
        public long getLong() {
            return in.getLong();
        }

        @Override
        public void get(byte[] into) {
            in.get(into);
        }

        @Override
        public long position() {
            return in.position() - start;
        }

        @Override
        public long remaining() {
            return in.remaining();
        }

        @Override
        public MessageBody body(int length) {
            byte[] bytes = new byte[length];
            in.get(bytes);
            return MessageBody.of(bytes);
        }
    }

    /**
     * A frame's type and payload read from a stream, {@code length} bytes; bodies are skipped and
     * handed out by the source, to be read later.
     */
    final class Stream implements RecordInput {
        private final DataInputStream in;
        private final long length;
        private final BodySource bodies;
        private long position;

        Stream(DataInputStream in, long length, BodySource bodies) {
            this.in = in;
            this.length = length;
            this.bodies = bodies;
        }

        private void need(long bytes) throws RecordCodec.MalformedRecordException {
            if (bytes > length - position) {
                throw new RecordCodec.MalformedRecordException("record ends early: " + bytes + " more bytes needed, "
                        + (length - position) + " left");
            }
            position += bytes;
        }

        @Override
        public byte get() throws IOException {
            need(1);
            return in.readByte();
        }

        @Override
        public int getInt() throws IOException {
            need(4);
            return in.readInt();
        }

        @Override
        public long getLong() throws IOException {
            need(8);
            return in.readLong();
        }

        @Override
        public void get(byte[] into) throws IOException {
            need(into.length);
            in.readFully(into);
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public long remaining() {
            return length - position;
        }

        @Override
        public MessageBody body(int bodyLength) throws IOException {
            long at = position;
            need(bodyLength);
            try {
                in.skipNBytes(bodyLength);
            } catch (EOFException e) {
                throw new RecordCodec.MalformedRecordException("record ends early in a message body");
            }
            return bodies.at(at, bodyLength);
        }
    }
}
