package io.mailroom.adapter.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Temporary files for message bodies while their transaction is open: a message given as a
 * stream inside a transaction is written here instead of into the heap, and the outbox copies
 * it into its storage at prepare or one-phase commit. Spool files are never durable data: the
 * transaction side {@linkplain MessageBody#release() releases} each one when its branch is
 * stored, rolled back or expired, and {@link #open} deletes whatever a crash left behind.
 *
 * <p>Open a spool only while holding the outbox (its directory lock): the files it finds then
 * belong to no running transaction.
 */
public final class Spool {
    private static final Logger LOG = Logger.getLogger(Spool.class.getName());
    private static final String SUFFIX = ".spool";

    private final Path directory;
    private final AtomicLong names = new AtomicLong();

    private Spool(Path directory) {
        this.directory = directory;
    }

    /**
     * Creates the directory if missing and deletes the spool files left in it.
     *
     * @throws OutboxException {@code MAILROOM-5072} naming the directory if it cannot be created,
     *                         listed or cleaned
     */
    public static Spool open(Path directory) throws OutboxException {
        int stale = 0;
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                    stale++;
                }
            }
        } catch (IOException | SecurityException e) {
            throw new OutboxException(OutboxMessages.spoolUnusable(directory, e), e);
        }
        if (stale > 0) {
            LOG.info(OutboxMessages.staleSpoolFiles(directory, stale));
        }
        return new Spool(directory);
    }

    public Path directory() {
        return directory;
    }

    /**
     * Deletes the spool files left and the directory itself, for a spool private to one run (the
     * JDBC outbox's, under {@code java.io.tmpdir}); a journal's spool stays with its journal. What
     * cannot be deleted is logged ({@code MAILROOM-5073}) and left.
     */
    public void delete() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path file : files) {
                deleteQuietly(file);
            }
        } catch (IOException | SecurityException e) {
            LOG.warning(OutboxMessages.spoolDirectoryNotDeleted(directory, e));
            return;
        }
        deleteQuietly(directory);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | SecurityException e) {
            LOG.warning(OutboxMessages.spoolDirectoryNotDeleted(path, e));
        }
    }

    /**
     * Starts a spool file. Write the message to it, then {@link Output#finish()} it into a body;
     * on any failure {@link Output#close()} deletes it.
     *
     * @param maxBytes the most bytes the file may take; a write past it fails with
     *                 {@link LimitExceeded} and the file is deleted
     */
    public Output create(long maxBytes) throws IOException {
        Path file = directory.resolve(System.nanoTime() + "-" + names.incrementAndGet() + SUFFIX);
        return new Output(file, Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), maxBytes);
    }

    /** The message is larger than the spool file may be; nothing was kept. */
    public static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;
        private final long maxBytes;

        LimitExceeded(long maxBytes) {
            super("more than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    /** A spool file being written; not thread-safe. */
    public static final class Output extends OutputStream {
        private final Path file;
        private final OutputStream out;
        private final long maxBytes;
        private long written;
        private boolean finished;
        private boolean closed;

        private Output(Path file, OutputStream out, long maxBytes) {
            this.file = file;
            this.out = out;
            this.maxBytes = maxBytes;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(long more) throws IOException {
            if (written + more > maxBytes) {
                throw new LimitExceeded(maxBytes);
            }
            written += more;
        }

        /**
         * Closes the file (not forced: it only has to outlive the transaction, not a crash).
         *
         * @return the body, owning the file until {@link MessageBody#release()}
         */
        public MessageBody finish() throws IOException {
            out.close();
            finished = true;
            closed = true;
            return new SpooledBody(file, written);
        }

        /** Deletes the file unless {@link #finish()} made it a body. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } finally {
                if (!finished) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** A finished spool file. */
    private static final class SpooledBody implements MessageBody {
        private final Path file;
        private final long size;
        private final AtomicBoolean released = new AtomicBoolean();

        SpooledBody(Path file, long size) {
            this.file = file;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // removed at the next open of the outbox
                    LOG.warning(OutboxMessages.spoolNotDeleted(file, e));
                }
            }
        }

        @Override
        public String toString() {
            return size + " bytes spooled in " + file.getFileName();
        }
    }
}
