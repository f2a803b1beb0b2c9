package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalRecord.Commit;
import io.mailroom.adapter.outbox.journal.JournalRecord.Dead;
import io.mailroom.adapter.outbox.journal.JournalRecord.Deferred;
import io.mailroom.adapter.outbox.journal.JournalRecord.Delivered;
import io.mailroom.adapter.outbox.journal.JournalRecord.Discarded;
import io.mailroom.adapter.outbox.journal.JournalRecord.Header;
import io.mailroom.adapter.outbox.journal.JournalRecord.Narrowed;
import io.mailroom.adapter.outbox.journal.JournalRecord.Rollback;
import io.mailroom.adapter.outbox.journal.JournalRecord.Store;
import io.mailroom.adapter.outbox.journal.JournalRecord.StoreKind;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Turns records into frames and back. A frame is {@code int length, int crc32c, byte type,
 * payload}, big-endian; {@code length} counts the type and payload, the checksum covers them.
 * Strings are {@code int} byte length ({@code -1} for null) and UTF-8; instants are epoch seconds
 * and nanos.
 *
 * <p>A store record whose message bodies together pass {@link #INLINE_BODIES} is not built in
 * memory: it is encoded as the parts around its bodies, and {@link Segment#append(Encoded)}
 * copies each body from its stream in bounded chunks, computing the checksum as it goes. Replay
 * reads such a frame without loading it either ({@link #decode(RecordInput)} skips the bodies). The
 * bytes on disk are the same either way.
 */
final class RecordCodec {
    /** Bytes before the type: length and checksum. */
    static final int FRAME_HEADER = 8;

    /** Bodies of one record up to this many bytes together are copied into one frame in memory. */
    static final int INLINE_BODIES = 1 << 20;

    /** The largest frame: its length is an {@code int}. */
    static final long MAX_FRAME = Integer.MAX_VALUE;

    private static final int VERSION = 1;
    private static final byte HEADER = 1;
    private static final byte ONE_PHASE = 2;
    private static final byte PREPARE = 3;
    private static final byte COMMIT = 4;
    private static final byte ROLLBACK = 5;
    private static final byte DELIVERED = 6;
    private static final byte DEFERRED = 7;
    private static final byte DEAD = 8;
    private static final byte RELOCATE = 9;
    private static final byte NARROWED = 10;
    private static final byte REQUEUE = 11;
    private static final byte DISCARDED = 12;

    private RecordCodec() {
    }

    /**
     * A frame ready to append: {@code heads[0] bodies[0] heads[1] ... bodies[n-1] heads[n]}.
     * With no bodies, {@code heads[0]} is the whole frame, checksum included. With bodies,
     * {@code heads[0]} starts with the frame's length; if the bodies are in memory
     * ({@link #gathered()}) the checksum is filled in already and the append writes the parts as
     * they are, in one gathering write, without copying them into one buffer; otherwise the
     * checksum is zero and the append fills it in as it copies the bodies from their streams.
     *
     * @param length the length of the whole frame, header included
     * @param mimeOffsets for each stored message, where its MIME bytes start, relative to the frame
     * @param gathered whether the bodies are in memory and the checksum is filled in
     */
    record Encoded(List<ByteBuffer> heads, List<MessageBody> bodies, long length, long[] mimeOffsets, boolean gathered) {
        Encoded(List<ByteBuffer> heads, List<MessageBody> bodies, long length, long[] mimeOffsets) {
            this(heads, bodies, length, mimeOffsets, false);
        }

        /**
         * @return the whole frame in one buffer: the frame itself when it has no bodies, a copy
         *         of its parts when they are {@link #gathered()}
         */
        ByteBuffer frame() {
            if (bodies.isEmpty()) {
                return heads.get(0);
            }
            if (!gathered) {
                throw new IllegalStateException("a streamed frame has no single buffer");
            }
            ByteBuffer whole = ByteBuffer.allocate((int) length);
            for (ByteBuffer part : parts()) {
                whole.put(part);
            }
            return whole.flip();
        }

        /** @return the parts in file order, each a view of its own (a body's bytes are not copied) */
        ByteBuffer[] parts() {
            ByteBuffer[] parts = new ByteBuffer[heads.size() + bodies.size()];
            for (int i = 0; i < heads.size(); i++) {
                parts[2 * i] = heads.get(i).duplicate();
                if (i < bodies.size()) {
                    parts[2 * i + 1] = bodies.get(i).buffer();
                }
            }
            return parts;
        }

        /** @return whether bodies are copied in from their streams by the append */
        boolean streamed() {
            return !bodies.isEmpty() && !gathered;
        }
    }

    /**
     * A record read back.
     *
     * @param mimeOffsets for each stored message, where its MIME bytes start, relative to the frame
     * @param frameLength the length of the whole frame, header included
     */
    record Decoded(JournalRecord record, long[] mimeOffsets, long frameLength) {
    }

    /** The payload does not parse although its checksum matched: a bug or a foreign file. */
    static final class MalformedRecordException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }

    /**
     * @throws IllegalArgumentException if the frame would be longer than {@link #MAX_FRAME}
     */
    static Encoded encode(JournalRecord record) {
        if (record instanceof Store s && !s.messages().isEmpty()) {
            if (s.messages().stream().allMatch(m -> m.message().body().inMemory())) {
                return withChecksum(encodeAround(s));
            }
            if (bodyBytes(s) > INLINE_BODIES) {
                return encodeAround(s);
            }
        }
        Output out = new Output(estimate(record));
        List<Long> mimeOffsets = new ArrayList<>();
        try {
            out.data.writeLong(0); // length and checksum, filled in below
            writeRecord(out, record, mimeOffsets);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        ByteBuffer frame = out.frame();
        frame.putInt(0, frame.limit() - FRAME_HEADER);
        frame.putInt(4, checksum(frame.slice(FRAME_HEADER, frame.limit() - FRAME_HEADER)));
        return new Encoded(List.of(frame), List.of(), frame.limit(), toArray(mimeOffsets));
    }

    /**
     * Bodies in memory stay where they are: the checksum is computed over the parts in place and
     * the append writes them as they are. A composed message thus reaches the file from the
     * buffer it was composed into.
     */
    private static Encoded withChecksum(Encoded around) {
        CRC32C crc = new CRC32C();
        ByteBuffer[] parts = around.parts();
        crc.update(parts[0].position(FRAME_HEADER));
        for (int i = 1; i < parts.length; i++) {
            crc.update(parts[i]);
        }
        around.heads().get(0).putInt(4, (int) crc.getValue());
        return new Encoded(around.heads(), around.bodies(), around.length(), around.mimeOffsets(), true);
    }

    /** The parts around the bodies; the append copies the bodies in and fills in the checksum. */
    private static Encoded encodeAround(Store s) {
        List<ByteBuffer> heads = new ArrayList<>();
        List<MessageBody> bodies = new ArrayList<>();
        long[] mimeOffsets = new long[s.messages().size()];
        long length = 0;
        try {
            Output out = new Output(256);
            out.data.writeLong(0);
            writeStoreStart(out.data, s);
            for (int i = 0; i < s.messages().size(); i++) {
                OutboxEntry m = s.messages().get(i);
                writeEnvelope(out.data, m);
                ByteBuffer head = out.frame();
                length += head.remaining();
                mimeOffsets[i] = length;
                heads.add(head);
                bodies.add(m.message().body());
                length += m.message().body().size();
                out = new Output(256);
            }
            heads.add(out.frame());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        if (length > MAX_FRAME) {
            throw new IllegalArgumentException("a record of " + length + " bytes is longer than a journal frame can be ("
                    + MAX_FRAME + ")");
        }
        heads.get(0).putInt(0, (int) (length - FRAME_HEADER));
        return new Encoded(List.copyOf(heads), List.copyOf(bodies), length, mimeOffsets);
    }

    private static long bodyBytes(Store s) {
        return s.messages().stream().mapToLong(m -> m.message().body().size()).sum();
    }

    private static void writeRecord(Output out, JournalRecord record, List<Long> mimeOffsets) throws IOException {
        DataOutputStream data = out.data;
        if (record instanceof Header h) {
            data.writeByte(HEADER);
            data.writeInt(VERSION);
            data.writeLong(h.nextId());
        } else if (record instanceof Store s) {
            writeStoreStart(data, s);
            for (OutboxEntry m : s.messages()) {
                writeEnvelope(data, m);
                mimeOffsets.add((long) data.size());
                data.write(m.message().body().bytes());
            }
        } else if (record instanceof Commit c) {
            data.writeByte(COMMIT);
            writeString(data, c.branch());
        } else if (record instanceof Rollback r) {
            data.writeByte(ROLLBACK);
            writeString(data, r.branch());
        } else if (record instanceof Delivered d) {
            data.writeByte(DELIVERED);
            data.writeLong(d.id());
        } else if (record instanceof Deferred d) {
            data.writeByte(DEFERRED);
            data.writeLong(d.id());
            data.writeInt(d.attempts());
            writeInstant(data, d.notBefore());
            writeString(data, d.reason());
        } else if (record instanceof Narrowed n) {
            data.writeByte(NARROWED);
            data.writeLong(n.id());
            writeStrings(data, n.recipients());
        } else if (record instanceof Dead d) {
            data.writeByte(DEAD);
            data.writeLong(d.id());
            writeString(data, d.reason());
        } else if (record instanceof Discarded d) {
            data.writeByte(DISCARDED);
            data.writeLong(d.id());
        }
    }

    /** @return the CRC32C of the bytes between position and limit; the buffer is not moved */
    static int checksum(ByteBuffer body) {
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        return (int) crc.getValue();
    }

    /**
     * @param body the type and payload of one frame, checksum already verified
     * @throws MalformedRecordException if it does not parse
     */
    static Decoded decode(ByteBuffer body) throws MalformedRecordException {
        try {
            return decode(new RecordInput.Buffer(body.duplicate()));
        } catch (MalformedRecordException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedRecordException("record cannot be read: " + e);
        }
    }

    /**
     * Decodes one frame's type and payload, checksum already verified; the input must end with
     * the record.
     *
     * @throws MalformedRecordException if it does not parse
     * @throws IOException if the input cannot be read
     */
    static Decoded decode(RecordInput in) throws IOException {
        List<Long> mimeOffsets = new ArrayList<>();
        try {
            byte type = in.get();
            JournalRecord record = switch (type) {
                case HEADER -> {
                    int version = in.getInt();
                    if (version != VERSION) {
                        throw new MalformedRecordException("journal version " + version + ", expected " + VERSION);
                    }
                    yield new Header(in.getLong());
                }
                case ONE_PHASE, PREPARE, RELOCATE -> readStore(in, storeKind(type), 0, mimeOffsets);
                case REQUEUE -> readStore(in, StoreKind.REQUEUE, in.getLong(), mimeOffsets);
                case COMMIT -> new Commit(readString(in));
                case ROLLBACK -> new Rollback(readString(in));
                case DELIVERED -> new Delivered(in.getLong());
                case DEFERRED -> new Deferred(in.getLong(), in.getInt(), readInstant(in), readString(in));
                case DEAD -> new Dead(in.getLong(), readString(in));
                case NARROWED -> new Narrowed(in.getLong(), readStrings(in));
                case DISCARDED -> new Discarded(in.getLong());
                default -> throw new MalformedRecordException("unknown record type " + type);
            };
            if (in.remaining() > 0) {
                throw new MalformedRecordException(in.remaining() + " bytes after the record");
            }
            return new Decoded(record, toArray(mimeOffsets), FRAME_HEADER + in.position());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new MalformedRecordException("record ends early or has an invalid field: " + e);
        }
    }

    private static Store readStore(RecordInput in, StoreKind kind, long requeuedFrom, List<Long> mimeOffsets)
            throws IOException {
        String branch = readString(in);
        int count = readCount(in);
        List<OutboxEntry> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = in.getLong();
            Instant enqueuedAt = readInstant(in);
            int attempts = in.getInt();
            Instant notBefore = readInstant(in);
            String mailFrom = readString(in);
            List<String> recipients = readStrings(in);
            String messageId = readString(in);
            int mimeLength = readCount(in);
            mimeOffsets.add(FRAME_HEADER + in.position());
            OutboxMessage message = new OutboxMessage(mailFrom, recipients, messageId, in.body(mimeLength));
            messages.add(new OutboxEntry(id, message, enqueuedAt, attempts, notBefore));
        }
        return new Store(kind, branch, messages, requeuedFrom);
    }

    private static void writeStoreStart(DataOutputStream data, Store s) throws IOException {
        data.writeByte(storeType(s.kind()));
        if (s.kind() == StoreKind.REQUEUE) {
            data.writeLong(s.requeuedFrom());
        }
        writeString(data, s.branch());
        data.writeInt(s.messages().size());
    }

    /** A message's id, state and envelope, up to and including the length of its MIME bytes. */
    private static void writeEnvelope(DataOutputStream data, OutboxEntry m) throws IOException {
        data.writeLong(m.id());
        writeInstant(data, m.enqueuedAt());
        data.writeInt(m.attempts());
        writeInstant(data, m.notBefore());
        writeString(data, m.message().mailFrom());
        writeStrings(data, m.message().recipients());
        writeString(data, m.message().messageId());
        long size = m.message().body().size();
        if (size > MAX_FRAME) {
            throw new IllegalArgumentException("a message of " + size + " bytes is longer than a journal frame can be");
        }
        data.writeInt((int) size);
    }

    private static byte storeType(StoreKind kind) {
        return switch (kind) {
            case ONE_PHASE -> ONE_PHASE;
            case PREPARE -> PREPARE;
            case RELOCATE -> RELOCATE;
            case REQUEUE -> REQUEUE;
        };
    }

    private static StoreKind storeKind(byte type) {
        return switch (type) {
            case ONE_PHASE -> StoreKind.ONE_PHASE;
            case PREPARE -> StoreKind.PREPARE;
            default -> StoreKind.RELOCATE;
        };
    }

    private static void writeString(DataOutputStream data, String value) throws IOException {
        if (value == null) {
            data.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    private static void writeStrings(DataOutputStream data, List<String> values) throws IOException {
        data.writeInt(values.size());
        for (String value : values) {
            writeString(data, value);
        }
    }

    private static List<String> readStrings(RecordInput in) throws IOException {
        int count = readCount(in);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static String readString(RecordInput in) throws IOException {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new MalformedRecordException("string length " + length + " outside the record");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int readCount(RecordInput in) throws IOException {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new MalformedRecordException("count " + count + " outside the record");
        }
        return count;
    }

    private static void writeInstant(DataOutputStream data, Instant instant) throws IOException {
        data.writeLong(instant.getEpochSecond());
        data.writeInt(instant.getNano());
    }

    private static Instant readInstant(RecordInput in) throws IOException {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static int estimate(JournalRecord record) {
        if (record instanceof Store s) {
            long bytes = 64 + s.messages().stream().mapToLong(m -> m.message().body().size() + 256L).sum();
            return (int) Math.min(bytes, Integer.MAX_VALUE - 64);
        }
        return 64;
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** A byte array stream whose buffer is wrapped, not copied, when the frame is done. */
    private static final class Output extends ByteArrayOutputStream {
        final DataOutputStream data = new DataOutputStream(this);

        Output(int size) {
            super(size);
        }

        ByteBuffer frame() {
            return ByteBuffer.wrap(buf, 0, count);
        }
    }
}
