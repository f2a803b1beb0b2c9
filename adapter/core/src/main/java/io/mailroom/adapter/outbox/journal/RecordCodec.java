package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalRecord.Commit;
import io.mailroom.adapter.outbox.journal.JournalRecord.Dead;
import io.mailroom.adapter.outbox.journal.JournalRecord.Deferred;
import io.mailroom.adapter.outbox.journal.JournalRecord.Delivered;
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
 */
final class RecordCodec {
    /** Bytes before the type: length and checksum. */
    static final int FRAME_HEADER = 8;

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

    private RecordCodec() {
    }

    /**
     * A frame ready to append.
     *
     * @param frame the bytes, positioned at zero
     * @param mimeOffsets for each stored message, where its MIME bytes start, relative to the frame
     */
    record Encoded(ByteBuffer frame, int[] mimeOffsets) {
    }

    /**
     * A record read back.
     *
     * @param mimeOffsets for each stored message, where its MIME bytes start, relative to the frame
     * @param frameLength the length of the whole frame, header included
     */
    record Decoded(JournalRecord record, int[] mimeOffsets, int frameLength) {
    }

    /** The payload does not parse although its checksum matched: a bug or a foreign file. */
    static final class MalformedRecordException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedRecordException(String message) {
            super(message);
        }
    }

    static Encoded encode(JournalRecord record) {
        Output out = new Output(estimate(record));
        List<Integer> mimeOffsets = new ArrayList<>();
        try {
            out.data.writeLong(0); // length and checksum, filled in below
            writeRecord(out.data, record, mimeOffsets);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        ByteBuffer frame = out.frame();
        frame.putInt(0, frame.limit() - FRAME_HEADER);
        frame.putInt(4, checksum(frame.slice(FRAME_HEADER, frame.limit() - FRAME_HEADER)));
        return new Encoded(frame, mimeOffsets.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void writeRecord(DataOutputStream data, JournalRecord record, List<Integer> mimeOffsets) throws IOException {
        if (record instanceof Header h) {
            data.writeByte(HEADER);
            data.writeInt(VERSION);
            data.writeLong(h.nextId());
        } else if (record instanceof Store s) {
            data.writeByte(storeType(s.kind()));
            writeString(data, s.branch());
            data.writeInt(s.messages().size());
            for (OutboxEntry m : s.messages()) {
                writeMessage(data, m, mimeOffsets);
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
        ByteBuffer in = body.duplicate();
        List<Integer> mimeOffsets = new ArrayList<>();
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
                case ONE_PHASE, PREPARE, RELOCATE -> readStore(in, storeKind(type), mimeOffsets);
                case COMMIT -> new Commit(readString(in));
                case ROLLBACK -> new Rollback(readString(in));
                case DELIVERED -> new Delivered(in.getLong());
                case DEFERRED -> new Deferred(in.getLong(), in.getInt(), readInstant(in), readString(in));
                case DEAD -> new Dead(in.getLong(), readString(in));
                case NARROWED -> new Narrowed(in.getLong(), readStrings(in));
                default -> throw new MalformedRecordException("unknown record type " + type);
            };
            if (in.hasRemaining()) {
                throw new MalformedRecordException(in.remaining() + " bytes after the record");
            }
            return new Decoded(record, mimeOffsets.stream().mapToInt(Integer::intValue).toArray(), FRAME_HEADER + body.remaining());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new MalformedRecordException("record ends early or has an invalid field: " + e);
        }
    }

    private static Store readStore(ByteBuffer in, StoreKind kind, List<Integer> mimeOffsets) throws MalformedRecordException {
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
            byte[] mime = new byte[mimeLength];
            in.get(mime);
            OutboxMessage message = new OutboxMessage(mailFrom, recipients, messageId, mime);
            messages.add(new OutboxEntry(id, message, enqueuedAt, attempts, notBefore));
        }
        return new Store(kind, branch, messages);
    }

    private static void writeMessage(DataOutputStream data, OutboxEntry m, List<Integer> mimeOffsets) throws IOException {
        data.writeLong(m.id());
        writeInstant(data, m.enqueuedAt());
        data.writeInt(m.attempts());
        writeInstant(data, m.notBefore());
        writeString(data, m.message().mailFrom());
        writeStrings(data, m.message().recipients());
        writeString(data, m.message().messageId());
        data.writeInt(m.message().mime().length);
        mimeOffsets.add(data.size());
        data.write(m.message().mime());
    }

    private static byte storeType(StoreKind kind) {
        return switch (kind) {
            case ONE_PHASE -> ONE_PHASE;
            case PREPARE -> PREPARE;
            case RELOCATE -> RELOCATE;
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

    private static List<String> readStrings(ByteBuffer in) throws MalformedRecordException {
        int count = readCount(in);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(readString(in));
        }
        return values;
    }

    private static String readString(ByteBuffer in) throws MalformedRecordException {
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

    private static int readCount(ByteBuffer in) throws MalformedRecordException {
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

    private static Instant readInstant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    private static int estimate(JournalRecord record) {
        if (record instanceof Store s) {
            long bytes = 64 + s.messages().stream().mapToLong(m -> m.message().mime().length + 256L).sum();
            return (int) Math.min(bytes, Integer.MAX_VALUE - 64);
        }
        return 64;
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
