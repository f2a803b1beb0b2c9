package io.mailroom.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The directory the benchmarks write to (outbox journals, the large EML, the sink's counters).
 * It should be on the disk a server would use, not tmpfs, so that fsync costs what it costs.
 */
public final class WorkDir {
    private final Path root;
    private final AtomicInteger sequence = new AtomicInteger();

    /** @param root the directory; created if missing */
    public WorkDir(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
    }

    /** @return the directory itself */
    public Path root() {
        return root;
    }

    /** @return a new, empty directory below the root, named after {@code prefix} */
    public Path freshDirectory(String prefix) throws IOException {
        Path dir = root.resolve(prefix + "-" + sequence.incrementAndGet());
        deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    /** Deletes a file or a directory tree below the root; missing is fine. */
    public void deleteRecursively(Path path) throws IOException {
        if (!path.toAbsolutePath().normalize().startsWith(root) || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** @return the file system type of the root ("ext4", "tmpfs"…) */
    public String fileSystemType() {
        try {
            return Files.getFileStore(root).type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
