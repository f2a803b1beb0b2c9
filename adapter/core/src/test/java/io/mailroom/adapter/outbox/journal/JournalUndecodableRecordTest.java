package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.Mail.lastSegment;
import static io.mailroom.adapter.outbox.journal.Mail.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.journal.JournalRecord.Store;
import io.mailroom.adapter.outbox.journal.JournalRecord.StoreKind;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frame whose checksum is valid was written whole: if it does not decode (a record type or
 * journal version this version does not know), it is not a torn tail and must not be cut off with
 * the forced records after it. Opening fails loudly instead.
 */
class JournalUndecodableRecordTest {
    @TempDir
    Path dir;

    @Test
    void aRecordOfUnknownTypeWithAValidChecksumFailsOpeningAndCutsNothing() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            outbox.commitOnePhase(List.of(message("a")));
        }
        Path segment = lastSegment(dir);
        long offset = Files.size(segment);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        tail.writeBytes(frame(new byte[] {99, 1, 2, 3}));
        Instant now = Instant.now();
        ByteBuffer later = RecordCodec.encode(new Store(StoreKind.ONE_PHASE, null,
                List.of(new OutboxEntry(100, message("later"), now, 0, now)))).frame();
        tail.writeBytes(bytes(later));
        Files.write(segment, tail.toByteArray(), StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(segment);

        OutboxException e = assertThrows(OutboxException.class, () -> JournalOutbox.open(dir, JournalOptions.defaults()));

        assertTrue(e.getMessage().startsWith("MAILROOM-5040 outbox journal " + segment), e.getMessage());
        assertTrue(e.getMessage().contains("at offset " + offset), e.getMessage());
        assertTrue(e.getMessage().contains("unknown record type 99"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(segment), "nothing cut off");
    }

    @Test
    void aSegmentHeaderOfAnUnknownJournalVersionFailsOpening() throws Exception {
        Files.createDirectories(dir);
        Path segment = dir.resolve(String.format("segment-%020d.log", 1));
        ByteBuffer header = ByteBuffer.allocate(13).put((byte) 1).putInt(2).putLong(1);
        Files.write(segment, frame(header.array()));

        OutboxException e = assertThrows(OutboxException.class, () -> JournalOutbox.open(dir, JournalOptions.defaults()));

        assertTrue(e.getMessage().startsWith("MAILROOM-5040"), e.getMessage());
        assertTrue(e.getMessage().contains("journal version 2"), e.getMessage());
        assertEquals(21, Files.size(segment));
    }

    /** Frames a body the way the journal does: length, CRC32C, body. */
    private static byte[] frame(byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length);
        frame.putInt(body.length).putInt(RecordCodec.checksum(ByteBuffer.wrap(body))).put(body);
        return frame.array();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
