package io.mailroom.adapter.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spool files: read back as written, deleted on release, on a failed or oversized write, and at open. */
class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedFileReadsBackAsWrittenAndGoesOnRelease() throws Exception {
        Spool spool = Spool.open(dir.resolve("spool"));
        byte[] bytes = "Subject: spooled\r\n\r\nbody\r\n".getBytes();
        MessageBody body;
        try (Spool.Output out = spool.create(1024)) {
            out.write(bytes);
            body = out.finish();
        }
        assertEquals(bytes.length, body.size());
        assertFalse(body.inMemory());
        try (InputStream in = body.open()) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        assertArrayEquals(bytes, body.bytes(), "read again from the start");
        assertEquals(1, files(spool.directory()));
        body.release();
        body.release();
        assertEquals(0, files(spool.directory()));
    }

    @Test
    void writingPastTheLimitFailsAndKeepsNothing() throws Exception {
        Spool spool = Spool.open(dir.resolve("spool"));
        Spool.Output out = spool.create(10);
        out.write(new byte[10]);
        Spool.LimitExceeded e = assertThrows(Spool.LimitExceeded.class, () -> out.write(1));
        assertEquals(10, e.maxBytes());
        out.close();
        assertEquals(0, files(spool.directory()));
    }

    @Test
    void anUnfinishedFileIsDeletedOnClose() throws Exception {
        Spool spool = Spool.open(dir.resolve("spool"));
        try (Spool.Output out = spool.create(1024)) {
            out.write(new byte[100]);
        }
        assertEquals(0, files(spool.directory()));
    }

    @Test
    void openingDeletesSpoolFilesLeftByACrashAndNothingElse() throws Exception {
        Path spoolDir = Files.createDirectories(dir.resolve("spool"));
        Files.write(spoolDir.resolve("123-1.spool"), new byte[10]);
        Files.write(spoolDir.resolve("123-2.spool"), new byte[10]);
        Files.write(spoolDir.resolve("notes.txt"), new byte[10]);
        Spool.open(spoolDir);
        assertTrue(Files.exists(spoolDir.resolve("notes.txt")));
        assertEquals(1, files(spoolDir));
    }

    @Test
    void aDirectoryThatCannotBeMadeIsNamedInTheError() throws Exception {
        Path file = Files.write(dir.resolve("a-file"), new byte[1]);
        OutboxException e = assertThrows(OutboxException.class, () -> Spool.open(file.resolve("spool")));
        assertTrue(e.getMessage().startsWith("MAILROOM-5072") && e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static long files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void deleteRemovesTheFilesLeftAndTheDirectory() throws Exception {
        Spool spool = Spool.open(dir.resolve("private-spool"));
        try (Spool.Output out = spool.create(1024)) {
            out.write(new byte[100]);
            out.finish();
        }
        assertEquals(1, files(spool.directory()));

        spool.delete();

        assertFalse(Files.exists(spool.directory()), "the directory is gone");
    }
}
