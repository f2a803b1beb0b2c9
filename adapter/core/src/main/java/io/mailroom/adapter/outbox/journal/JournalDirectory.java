package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The outbox directory: {@code segment-<sequence>.log} files, the {@code dead/} store and a
 * {@code lock} file held while the outbox is open, so two outboxes never share a journal.
 */
final class JournalDirectory implements AutoCloseable {
    private static final String PREFIX = "segment-";
    private static final Pattern SEGMENT = Pattern.compile(PREFIX + "\\d{20}\\.log");

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private JournalDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if missing and locks it.
     *
     * @throws OutboxException naming the directory if it cannot be created, written or locked
     */
    static JournalDirectory open(Path directory) throws OutboxException {
        Path path = directory.toAbsolutePath();
        FileChannel channel;
        try {
            Files.createDirectories(path);
            channel = FileChannel.open(path.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            throw new OutboxException(JournalMessages.unusableDirectory(path, e), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OutboxException(JournalMessages.inUse(path));
            }
            return new JournalDirectory(path, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new OutboxException(JournalMessages.inUse(path), e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new OutboxException(JournalMessages.unusableDirectory(path, e), e);
        } catch (OutboxException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    Path deadLetters() {
        return path.resolve("dead");
    }

    Path segmentFile(long sequence) {
        return path.resolve(String.format(PREFIX + "%020d.log", sequence));
    }

    /** @return the segment files, oldest first, opened for reading and appending */
    List<Segment> openSegments() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(path)) {
            files = listing.filter(f -> SEGMENT.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        List<Segment> segments = new ArrayList<>();
        try {
            for (Path file : files) {
                long sequence = Long.parseLong(file.getFileName().toString().substring(PREFIX.length(), PREFIX.length() + 20));
                segments.add(Segment.open(sequence, file));
            }
        } catch (IOException e) {
            segments.forEach(JournalDirectory::closeQuietly);
            throw e;
        }
        return segments;
    }

    /** Forces the directory itself, so created and deleted files survive a machine crash. */
    void sync() throws IOException {
        sync(path);
    }

    /** Forces a directory, so files created or deleted in it survive a machine crash. */
    static void sync(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; their file systems need no sync.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it anyway
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to release
        }
    }
}
