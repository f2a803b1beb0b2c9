package io.mailroom.adapter.outbox.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * An in-memory disk under the journal ({@link JournalFiles}) that keeps apart what was written and
 * what was made durable, so a test can cut the power at any I/O call and look at what survives:
 * <ul>
 *   <li>bytes of a file survive a cut only up to its last {@code force}; of the writes (and
 *       truncations) made since, a random prefix survives, the last of them torn at a random offset
 *       and, at random, its missing part read back as zeros (the size reached the disk, the data
 *       did not);</li>
 *   <li>a file created, renamed or deleted survives (or stays deleted) only once its directory was
 *       synced; until then the cut undoes it;</li>
 *   <li>directories themselves are durable at once (the journal's directory exists before it runs).</li>
 * </ul>
 * Faults: {@link #fail} makes every call of one kind throw until {@link #heal}, like a full disk
 * (ENOSPC on write) or a failing one (EIO on force). A failed force leaves the written bytes as
 * unforced as they were: a later cut may lose them, as Linux may after a failed {@code fsync}.
 * Written by hand: no library simulates loss of unforced data under {@code FileChannel}.
 */
final class SimulatedDisk implements JournalFiles {
    /** The calls that change the disk; each counts as one event a cut can fall on. */
    enum Kind { WRITE, FORCE, TRUNCATE, CREATE, DELETE, RENAME, SYNC }

    /** Thrown by every call once the power is off. */
    static final class PowerCut extends IOException {
        private static final long serialVersionUID = 1L;

        PowerCut() {
            super("simulated power cut");
        }
    }

    /** A change since the file's last force: a write at a position, or a truncation when {@code bytes} is null. */
    private record Change(long position, byte[] bytes) {
    }

    private static final class File {
        byte[] data = new byte[0];
        int length;
        byte[] durable = new byte[0];
        final List<Change> unforced = new ArrayList<>();

        void write(long position, byte[] bytes) {
            int end = (int) position + bytes.length;
            if (end > data.length) {
                data = Arrays.copyOf(data, Math.max(end, data.length * 2));
            }
            if (position > length) {
                Arrays.fill(data, length, (int) position, (byte) 0);
            }
            System.arraycopy(bytes, 0, data, (int) position, bytes.length);
            length = Math.max(length, end);
        }
    }

    private final Map<Path, File> names = new HashMap<>();
    private final Map<Path, File> durableNames = new HashMap<>();
    private final Set<Path> directories = new HashSet<>();
    private final Map<Kind, String> faults = new EnumMap<>(Kind.class);
    private long events;
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    private long cutAt = Long.MAX_VALUE;
    private boolean off;

    /** Cuts the power on the {@code n}-th disk-changing call from now (1 = the next one). */
    synchronized void cutAfter(long n) {
        cutAt = events + n;
    }

    synchronized boolean isOff() {
        return off;
    }

    synchronized long events() {
        return events;
    }

    /** @return how many calls of this kind went through (not failed, not after the cut) */
    synchronized long count(Kind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Makes every call of this kind fail with an {@link IOException} with this message until {@link #heal}. */
    synchronized void fail(Kind kind, String message) {
        faults.put(kind, message);
    }

    synchronized void heal() {
        faults.clear();
    }

    /** @return the disk as found after the cut and a restart: only what survived, all of it durable */
    synchronized SimulatedDisk restart(Random random) {
        SimulatedDisk after = new SimulatedDisk();
        after.directories.addAll(directories);
        Map<File, File> survivors = new HashMap<>();
        durableNames.forEach((path, file) -> {
            File survivor = survivors.computeIfAbsent(file, f -> survive(f, random));
            after.names.put(path, survivor);
            after.durableNames.put(path, survivor);
        });
        return after;
    }

    /** @return the current bytes of a file, or {@code null} if there is none */
    synchronized byte[] read(Path file) {
        File f = names.get(file);
        return f == null ? null : Arrays.copyOf(f.data, f.length);
    }

    /** Overwrites bytes of a file in place and durably, as a bad sector would. */
    synchronized void corrupt(Path file, int position, byte value) {
        File f = names.get(file);
        f.data[position] = value;
        f.durable = Arrays.copyOf(f.data, f.length);
    }

    private static File survive(File file, Random random) {
        File after = new File();
        after.data = file.durable.clone();
        after.length = after.data.length;
        int kept = file.unforced.isEmpty() ? 0 : random.nextInt(file.unforced.size() + 1);
        for (int i = 0; i < kept; i++) {
            Change change = file.unforced.get(i);
            if (change.bytes() == null) {
                after.length = Math.min(after.length, (int) change.position());
            } else if (i < kept - 1) {
                after.write(change.position(), change.bytes());
            } else {
                byte[] torn = change.bytes().clone();
                int cut = random.nextInt(torn.length + 1);
                Arrays.fill(torn, cut, torn.length, (byte) 0);
                after.write(change.position(), random.nextBoolean() ? torn : Arrays.copyOf(torn, cut));
            }
        }
        after.data = Arrays.copyOf(after.data, after.length);
        after.durable = after.data.clone();
        return after;
    }

    /** Counts a disk-changing call. @return whether the power goes off with it */
    private boolean tick(Kind kind) throws IOException {
        if (off) {
            throw new PowerCut();
        }
        String fault = faults.get(kind);
        if (fault != null) {
            throw new IOException(fault);
        }
        events++;
        if (events >= cutAt) {
            off = true;
            return true;
        }
        counts.merge(kind, 1L, Long::sum);
        return false;
    }

    @Override
    public synchronized FileChannel open(Path file, OpenOption... options) throws IOException {
        Set<OpenOption> set = Set.of(options);
        File f = names.get(file);
        if (f != null && set.contains(StandardOpenOption.CREATE_NEW)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        if (f == null) {
            if (!set.contains(StandardOpenOption.CREATE) && !set.contains(StandardOpenOption.CREATE_NEW)) {
                throw new NoSuchFileException(file.toString());
            }
            if (tick(Kind.CREATE)) {
                throw new PowerCut();
            }
            f = new File();
            names.put(file, f);
        } else if (set.contains(StandardOpenOption.TRUNCATE_EXISTING) && f.length > 0) {
            truncate(f, 0);
        }
        return new Channel(f);
    }

    @Override
    public synchronized List<Path> list(Path directory) throws IOException {
        if (off) {
            throw new PowerCut();
        }
        return names.keySet().stream().filter(p -> directory.equals(p.getParent())).toList();
    }

    @Override
    public synchronized void createDirectories(Path directory) throws IOException {
        if (off) {
            throw new PowerCut();
        }
        directories.add(directory);
    }

    @Override
    public synchronized void deleteIfExists(Path file) throws IOException {
        if (names.containsKey(file)) {
            if (tick(Kind.DELETE)) {
                throw new PowerCut();
            }
            names.remove(file);
        }
    }

    @Override
    public synchronized void replace(Path from, Path to) throws IOException {
        if (tick(Kind.RENAME)) {
            throw new PowerCut();
        }
        File f = names.remove(from);
        if (f == null) {
            throw new NoSuchFileException(from.toString());
        }
        names.put(to, f);
    }

    @Override
    public synchronized void syncDirectory(Path directory) throws IOException {
        if (tick(Kind.SYNC)) {
            throw new PowerCut();
        }
        durableNames.keySet().removeIf(p -> directory.equals(p.getParent()));
        names.forEach((p, f) -> {
            if (directory.equals(p.getParent())) {
                durableNames.put(p, f);
            }
        });
    }

    private void truncate(File f, long size) throws IOException {
        if (tick(Kind.TRUNCATE)) {
            throw new PowerCut();
        }
        if (size < f.length) {
            f.length = (int) size;
            f.unforced.add(new Change(size, null));
        }
    }

    private void write(File f, long position, byte[] bytes) throws IOException {
        boolean cut = tick(Kind.WRITE);
        f.write(position, bytes);
        f.unforced.add(new Change(position, bytes));
        if (cut) {
            throw new PowerCut();
        }
    }

    private void force(File f) throws IOException {
        if (tick(Kind.FORCE)) {
            throw new PowerCut();
        }
        f.durable = Arrays.copyOf(f.data, f.length);
        f.unforced.clear();
    }

    /** A channel on one file, positional and sequential, as much of FileChannel as the journal uses. */
    private final class Channel extends FileChannel {
        private final File file;
        private long position;

        Channel(File file) {
            this.file = file;
        }

        @Override
        public int read(ByteBuffer dst, long at) throws IOException {
            synchronized (SimulatedDisk.this) {
                if (off) {
                    throw new PowerCut();
                }
                if (at >= file.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), file.length - at);
                dst.put(file.data, (int) at, n);
                return n;
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = read(dst, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src, long at) throws IOException {
            byte[] bytes = new byte[src.remaining()];
            src.duplicate().get(bytes);
            synchronized (SimulatedDisk.this) {
                SimulatedDisk.this.write(file, at, bytes);
            }
            src.position(src.limit());
            return bytes.length;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = write(src, position);
            position += n;
            return n;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        /** A gathering write is one write of the parts one after the other, torn as one by a power cut. */
        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            int total = 0;
            for (int i = offset; i < offset + length; i++) {
                total += srcs[i].remaining();
            }
            ByteBuffer joined = ByteBuffer.allocate(total);
            for (int i = offset; i < offset + length; i++) {
                joined.put(srcs[i].duplicate());
            }
            int n = write(joined.flip());
            for (int i = offset; i < offset + length; i++) {
                srcs[i].position(srcs[i].limit());
            }
            return n;
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public FileChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            synchronized (SimulatedDisk.this) {
                return file.length;
            }
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            synchronized (SimulatedDisk.this) {
                SimulatedDisk.this.truncate(file, size);
            }
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            synchronized (SimulatedDisk.this) {
                SimulatedDisk.this.force(file);
            }
        }

        @Override
        public long transferTo(long at, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long at, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long at, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long at, long size, boolean shared) {
            return tryLock(at, size, shared);
        }

        @Override
        public FileLock tryLock(long at, long size, boolean shared) {
            return new FileLock(this, at, size, shared) {
                private boolean valid = true;

                @Override
                public boolean isValid() {
                    return valid && isOpen();
                }

                @Override
                public void release() {
                    valid = false;
                }
            };
        }

        @Override
        protected void implCloseChannel() {
            // nothing to release
        }
    }
}
