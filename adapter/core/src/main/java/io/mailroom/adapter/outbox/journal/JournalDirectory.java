package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The outbox directory: {@code segment-<sequence>.log} files, the {@code dead/} store and a
 * {@code lock} file held while the outbox is open, so two outboxes never share a journal.
 */
final class JournalDirectory implements AutoCloseable {
    private static final String PREFIX = "segment-";
    private static final Pattern SEGMENT = Pattern.compile(PREFIX + "\\d{20}\\.log");

    private final Path path;
    private final JournalFiles files;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private JournalDirectory(Path path, JournalFiles files, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.files = files;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if missing and locks it.
     *
     * @throws OutboxException naming the directory if it cannot be created, written or locked
     */
    static JournalDirectory open(Path directory, JournalFiles files) throws OutboxException {
        Path path = directory.toAbsolutePath();
        FileChannel channel;
        try {
            files.createDirectories(path);
            channel = files.open(path.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            throw new OutboxException(JournalMessages.unusableDirectory(path, e), e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new OutboxException(JournalMessages.inUse(path));
            }
            return new JournalDirectory(path, files, channel, lock);
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

    JournalFiles files() {
        return files;
    }

    Path deadLetters() {
        return path.resolve("dead");
    }

    Path segmentFile(long sequence) {
        return path.resolve(String.format(PREFIX + "%020d.log", sequence));
    }

    /** @return the segment files, oldest first, opened for reading and appending */
    List<Segment> openSegments() throws IOException {
        List<Path> found = files.list(path).stream()
                .filter(f -> SEGMENT.matcher(f.getFileName().toString()).matches()).sorted().toList();
        List<Segment> segments = new ArrayList<>();
        try {
            for (Path file : found) {
                long sequence = Long.parseLong(file.getFileName().toString().substring(PREFIX.length(), PREFIX.length() + 20));
                segments.add(Segment.open(sequence, file, files));
            }
        } catch (IOException e) {
            segments.forEach(JournalDirectory::closeQuietly);
            throw e;
        }
        return segments;
    }

    /** Forces the directory itself, so created and deleted files survive a machine crash. */
    void sync() throws IOException {
        files.syncDirectory(path);
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
