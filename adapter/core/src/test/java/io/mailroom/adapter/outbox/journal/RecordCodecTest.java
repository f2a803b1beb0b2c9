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
import io.mailroom.adapter.outbox.journal.RecordCodec.Decoded;
import io.mailroom.adapter.outbox.journal.RecordCodec.Encoded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames: what goes in comes out, and the checksum notices damage. */
class RecordCodecTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456789Z");

    private static Decoded roundTrip(JournalRecord record) throws Exception {
        ByteBuffer frame = RecordCodec.encode(record).frame();
        assertEquals(frame.remaining() - RecordCodec.FRAME_HEADER, frame.getInt(0), "length field");
        ByteBuffer body = frame.slice(RecordCodec.FRAME_HEADER, frame.remaining() - RecordCodec.FRAME_HEADER);
        assertEquals(frame.getInt(4), RecordCodec.checksum(body), "checksum field");
        return RecordCodec.decode(body);
    }

    @Test
    void smallRecordsComeBackEqual() throws Exception {
        List<JournalRecord> records = List.of(new Header(42), new Commit("xid-ü"), new Rollback("xid-2"), new Delivered(7),
                new Deferred(8, 3, T, "421 4.7.0 try again"), new Deferred(9, 1, T, null), new Dead(10, "550 5.1.1 unknown"),
                new Narrowed(11, List.of("grey@example.org", "ü@example.org")));
        for (JournalRecord record : records) {
            assertEquals(record, roundTrip(record).record());
        }
    }

    @Test
    void storedMessagesComeBackWithStateEnvelopeAndBytesAtTheOffsetsGiven() throws Exception {
        OutboxMessage nullSender = new OutboxMessage(null, List.of("a@example.org"), null, new byte[] {1, 2, 3});
        List<OutboxEntry> messages = List.of(new OutboxEntry(1, Mail.message("one"), T, 0, T),
                new OutboxEntry(2, nullSender, T, 4, T.plusSeconds(60)));
        Store store = new Store(StoreKind.PREPARE, "xid-1", messages);
        Encoded encoded = RecordCodec.encode(store);

        Decoded decoded = roundTrip(store);

        Store back = (Store) decoded.record();
        assertEquals(StoreKind.PREPARE, back.kind());
        assertEquals("xid-1", back.branch());
        for (int i = 0; i < messages.size(); i++) {
            OutboxEntry sent = messages.get(i);
            OutboxEntry got = back.messages().get(i);
            assertEquals(List.of(sent.id(), sent.enqueuedAt(), sent.attempts(), sent.notBefore()),
                    List.of(got.id(), got.enqueuedAt(), got.attempts(), got.notBefore()));
            assertEquals(sent.message().toString(), got.message().toString());
            assertArrayEquals(sent.message().mime(), got.message().mime());
            int offset = (int) encoded.mimeOffsets()[i];
            byte[] inFrame = Arrays.copyOfRange(encoded.frame().array(), offset, offset + sent.message().mime().length);
            assertArrayEquals(sent.message().mime(), inFrame, "mime offset " + i);
        }
        assertArrayEquals(encoded.mimeOffsets(), decoded.mimeOffsets());
        assertEquals(encoded.frame().remaining(), decoded.frameLength());
    }

    @Test
    void checksumChangesWhenAnyByteFlips() {
        ByteBuffer frame = RecordCodec.encode(new Store(StoreKind.ONE_PHASE, null, List.of(new OutboxEntry(1,
                Mail.message("one"), T, 0, T)))).frame();
        int length = frame.remaining() - RecordCodec.FRAME_HEADER;
        int good = RecordCodec.checksum(frame.slice(RecordCodec.FRAME_HEADER, length));
        for (int i = RecordCodec.FRAME_HEADER; i < frame.remaining(); i += 7) {
            ByteBuffer damaged = ByteBuffer.allocate(frame.remaining()).put(frame.duplicate()).flip();
            damaged.put(i, (byte) (damaged.get(i) ^ 1));
            assertNotEquals(good, RecordCodec.checksum(damaged.slice(RecordCodec.FRAME_HEADER, length)), "flip at " + i);
        }
    }
}
