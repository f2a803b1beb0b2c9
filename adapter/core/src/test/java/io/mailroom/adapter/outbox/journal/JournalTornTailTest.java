package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.Mail.dueTags;
import static io.mailroom.adapter.outbox.journal.Mail.lastSegment;
import static io.mailroom.adapter.outbox.journal.Mail.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash in the middle of a write leaves a torn record at the end of the journal. These tests
 * damage the last record the way such a crash (or a bad sector) would and reopen.
 */
class JournalTornTailTest {
    private static final Logger LOG = Logger.getLogger(JournalOutbox.class.getName());

    @TempDir
    Path dir;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        LOG.addHandler(capture);
        LOG.setUseParentHandlers(false);
    }

    @AfterEach
    void releaseLog() {
        LOG.removeHandler(capture);
        LOG.setUseParentHandlers(true);
    }

    /** Commits two good records, then a three-message record, and returns where that one starts. */
    private long writeJournalEndingInThreeMessageRecord() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            outbox.commitOnePhase(List.of(message("a")));
            outbox.commitOnePhase(List.of(message("b")));
            long start = Files.size(lastSegment(dir));
            outbox.commitOnePhase(List.of(message("c1", 300), message("c2", 300), message("c3", 300)));
            return start;
        }
    }

    private void assertOnlyEarlierRecordsSurviveAndJournalStillWorks(long cut) throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            assertEquals(List.of("a", "b"), dueTags(outbox));
            assertEquals(cut, Files.size(lastSegment(dir)), "torn bytes cut off");
            outbox.commitOnePhase(List.of(message("d")));
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            assertEquals(List.of("a", "b", "d"), dueTags(outbox));
        }
        assertEquals(1, warnings.size(), "one warning for the one torn record");
        String warning = warnings.get(0).getMessage();
        assertTrue(warning.startsWith("MAILROOM-5004 outbox journal " + lastSegment(dir)), warning);
        assertTrue(warning.contains("at offset " + cut), warning);
    }

    @Test
    void recordCutShortIsDroppedWithAllItsMessages() throws Exception {
        long start = writeJournalEndingInThreeMessageRecord();
        Path segment = lastSegment(dir);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        assertOnlyEarlierRecordsSurviveAndJournalStillWorks(start);
    }

    @Test
    void recordCutInsideItsHeaderIsDropped() throws Exception {
        long start = writeJournalEndingInThreeMessageRecord();
        try (FileChannel channel = FileChannel.open(lastSegment(dir), StandardOpenOption.WRITE)) {
            channel.truncate(start + 3);
        }
        assertOnlyEarlierRecordsSurviveAndJournalStillWorks(start);
    }

    @Test
    void flippedByteInTheLastRecordDropsThatRecord() throws Exception {
        long start = writeJournalEndingInThreeMessageRecord();
        Path segment = lastSegment(dir);
        long middle = start + (Files.size(segment) - start) / 2;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, middle);
            one.put(0, (byte) (one.get(0) ^ 0x20)).rewind();
            channel.write(one, middle);
        }
        assertOnlyEarlierRecordsSurviveAndJournalStillWorks(start);
    }

    @Test
    void garbageAfterTheLastRecordIsDropped() throws Exception {
        writeJournalEndingInThreeMessageRecord();
        Path segment = lastSegment(dir);
        long end = Files.size(segment);
        appendBytes(segment, new byte[] {0, 0, 1, 0, 7, 7, 7, 7, 42, 1, 2, 3});
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            assertEquals(List.of("a", "b", "c1", "c2", "c3"), dueTags(outbox));
            assertEquals(end, Files.size(segment));
        }
        assertEquals(1, warnings.size());
    }

    @Test
    void zeroFilledTailIsDropped() throws Exception {
        writeJournalEndingInThreeMessageRecord();
        Path segment = lastSegment(dir);
        long end = Files.size(segment);
        appendBytes(segment, new byte[4096]);
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            assertEquals(List.of("a", "b", "c1", "c2", "c3"), dueTags(outbox));
            assertEquals(end, Files.size(segment));
        }
    }

    @Test
    void intactJournalOpensWithoutWarning() throws Exception {
        writeJournalEndingInThreeMessageRecord();
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            assertEquals(5, dueTags(outbox).size());
        }
        assertEquals(List.of(), warnings);
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }
}
