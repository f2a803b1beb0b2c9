package io.mailroom.adapter.outbox.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every file-system call the journal makes, in one place, so tests can put a disk under it that
 * loses unforced bytes and unsynced directory entries on a simulated power cut or fails a write
 * or force on purpose. Production uses {@link #DISK}.
 */
interface JournalFiles {
    /** The real file system, through {@code java.nio.file}. */
    JournalFiles DISK = new JournalFiles() {
        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
            return FileChannel.open(file, options);
        }

        @Override
        public List<Path> list(Path directory) throws IOException {
            try (Stream<Path> listing = Files.list(directory)) {
                return listing.toList();
            }
        }

        @Override
        public void createDirectories(Path directory) throws IOException {
            Files.createDirectories(directory);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            Files.deleteIfExists(file);
        }

        @Override
        public void replace(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // Some platforms (Windows) cannot open a directory; their file systems need no sync.
                if (!System.getProperty("os.name", "").startsWith("Windows")) {
                    throw e;
                }
            }
        }
    };

    FileChannel open(Path file, OpenOption... options) throws IOException;

    /** @return the entries of the directory, in no particular order */
    List<Path> list(Path directory) throws IOException;

    void createDirectories(Path directory) throws IOException;

    void deleteIfExists(Path file) throws IOException;

    /** Renames {@code from} to {@code to} atomically, replacing {@code to}. */
    void replace(Path from, Path to) throws IOException;

    /** Forces the directory itself, so files created, renamed or deleted in it survive a machine crash. */
    void syncDirectory(Path directory) throws IOException;
}
