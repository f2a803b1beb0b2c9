package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxInDoubtException;
import io.mailroom.adapter.outbox.journal.JournalRecord.Header;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Appends frames to the current segment, rolls over to a new one at {@code segmentBytes} (or a
 * quarter of {@code maxBytes} if that is less, so settled segments can be freed well before the
 * journal is full), keeps the journal under {@code maxBytes}, and hands durability to
 * {@link GroupCommit}.
 *
 * <p>All appends happen inside {@link #exclusive}, one journal lock, so the order of records in
 * the files is the order in which the index changed.
 *
 * <h2>Disk faults</h2>
 * A write that fails is cut off again at once ({@link Segment#append}); nothing of it was stored
 * and the journal goes on. A force that fails (or a write that cannot be cut off) leaves every
 * record since the last good force in doubt: on Linux the kernel may have dropped those pages
 * while reads still show them. The writer then refuses appends, and the next call retries
 * recovery until it succeeds: cut the current segment back to the end of the last good force and
 * force that ({@link Segment#truncate}), so that what is on disk is exactly what was forced, then
 * let the {@link Rebuild} replay the journal into the index. Records after the cut are gone for
 * good: their callers were told the outcome is unknown ({@code OutboxInDoubtException}), and
 * unforced delivery outcomes only mean one more delivery. A caller still waiting for a ticket of
 * the dropped part is told so too, never that it is durable.
 */
final class JournalWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(JournalOutbox.class.getName());
    private static final int HEADER_BYTES = RecordCodec.encode(new Header(0)).frame().remaining();

    private final JournalDirectory directory;
    private final JournalOptions options;
    private final LongSupplier nextId;
    private final long rollAt;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final GroupCommit durability;
    private Segment current;
    private long appended;
    private long rollovers;
    private final DurableMark mark = new DurableMark();
    private Rebuild rebuild = segments -> {
        throw new IOException("no rebuild installed");
    };
    private Queued queued = new Queued() {
        @Override
        public boolean pending() {
            return false;
        }

        @Override
        public void run() {
        }
    };
    private volatile long bytesUsed;
    private volatile boolean closed;

    /** Where a frame landed and the ticket to wait on for its durability. */
    record Position(long segment, long offset, long ticket, long generation) {
    }

    /** Replays the segments into a fresh index and takes it over; called holding the journal lock. */
    interface Rebuild {
        void run(List<Segment> segments) throws IOException, OutboxException;
    }

    /** Work done holding the journal lock. */
    interface Action<T> {
        T run() throws IOException, OutboxException;
    }

    private JournalWriter(JournalDirectory directory, JournalOptions options, LongSupplier nextId) {
        this.directory = directory;
        this.options = options;
        this.nextId = nextId;
        this.rollAt = Math.min(options.segmentBytes(), options.maxBytes() / 4);
        this.durability = new GroupCommit(options.groupCommit(), this::forceForGroup);
    }

    /**
     * @param replayed the segments as replay left them, oldest first; the last becomes current,
     *                 and a new one is created if there are none
     * @param nextId the next outbox id, written into each new segment's header
     */
    static JournalWriter start(JournalDirectory directory, JournalOptions options, List<Segment> replayed,
                               LongSupplier nextId) throws IOException {
        JournalWriter writer = new JournalWriter(directory, options, nextId);
        long used = 0;
        for (Segment segment : replayed) {
            writer.segments.put(segment.sequence(), segment);
            used += segment.size();
        }
        writer.bytesUsed = used;
        if (replayed.isEmpty()) {
            writer.current = writer.newSegment(1);
            writer.segments.put(1L, writer.current);
        } else {
            writer.current = replayed.get(replayed.size() - 1);
            writer.mark.forced(writer.current.size()); // replay read it back: on disk
            if (writer.current.size() == 0) {
                writer.writeHeader(writer.current);
                writer.bytesUsed += HEADER_BYTES;
            }
        }
        return writer;
    }

    /** Installs what recovery after a disk fault calls to rebuild the index; once, before use. */
    void onRecovery(Rebuild action) {
        this.rebuild = action;
    }

    /** Work queued to run under the journal lock by whoever holds it next (see {@link #onRelease}). */
    interface Queued {
        /** @return whether work waits */
        boolean pending();

        /** Does the waiting work; called holding the journal lock, on a usable journal. */
        void run() throws IOException;
    }

    /**
     * Installs work that callers queue instead of taking the journal lock themselves (settled
     * deliveries): every holder of the lock does it before it lets go, and after letting go takes
     * the lock again if more was queued meanwhile and the lock is free. A caller that queued work
     * calls {@link #runQueued}: if the lock is held, its holder does the work. Once, before use.
     */
    void onRelease(Queued work) {
        this.queued = work;
    }

    /** Runs {@code action} holding the journal lock; I/O failures become {@code MAILROOM-5002}. */
    <T> T exclusive(Action<T> action) throws OutboxException {
        lock.lock();
        try {
            requireUsable();
            return action.run();
        } catch (IOException e) {
            throw new OutboxException(JournalMessages.ioFailure(directory.path(), "write its journal", e), e);
        } finally {
            release();
        }
    }

    /**
     * Does the queued work now if the journal lock is free; if not, its holder does it before it
     * lets go (see {@link #onRelease}). Failures are left to the next append, which recovers.
     */
    void runQueued() {
        if (queued.pending() && lock.tryLock()) {
            release();
        }
    }

    /**
     * Lets go of the journal lock, first doing any queued work if the journal is usable; a failure
     * of that work leaves it queued and marks the journal failed as an append would, for the next
     * call to recover. Checks again after letting go, so no queued work is left behind.
     */
    private void release() {
        while (true) {
            boolean done = lock.getHoldCount() > 1 || closed || mark.failure() != null;
            try {
                if (!done && queued.pending()) {
                    queued.run();
                }
            } catch (IOException | RuntimeException e) {
                done = true; // left queued: the next holder tries again, after recovery if the disk failed
            } finally {
                lock.unlock();
            }
            if (done || !queued.pending() || !lock.tryLock()) {
                return;
            }
        }
    }

    /**
     * Appends a frame; call inside {@link #exclusive}.
     *
     * @param bounded whether {@code maxBytes} applies; only new messages are bounded, so that
     *                delivery outcomes and commits can always drain a full outbox
     * @throws OutboxException {@code MAILROOM-5001} if bounded and the frame does not fit; nothing
     *                         was written
     */
    Position append(ByteBuffer frame, boolean bounded) throws IOException, OutboxException {
        return append(new RecordCodec.Encoded(List.of(frame), List.of(), frame.remaining(), new long[0]), bounded);
    }

    /**
     * Appends an encoded frame, copying its message bodies in bounded chunks if it is streamed
     * ({@link Segment#append(RecordCodec.Encoded)}); otherwise as {@link #append(ByteBuffer, boolean)}.
     */
    Position append(RecordCodec.Encoded frame, boolean bounded) throws IOException, OutboxException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("append outside exclusive()");
        }
        long length = frame.length();
        boolean roll = currentHasRecords() && current.size() + length > rollAt;
        if (bounded && bytesUsed + length + (roll ? HEADER_BYTES : 0) > options.maxBytes()) {
            throw new OutboxException(JournalMessages.full(directory.path(), bytesUsed, options.maxBytes()));
        }
        if (roll) {
            rollover();
        }
        long offset;
        try {
            offset = current.append(frame);
        } catch (IOException e) {
            if (current.damaged()) {
                mark.fail(e);
            }
            throw e;
        }
        bytesUsed += length;
        appended++;
        return new Position(current.sequence(), offset, appended, mark.generation());
    }

    /** After a disk fault, tries to recover now rather than on the next append. */
    void recoverIfFailed() throws OutboxException {
        if (mark.failed()) {
            exclusive(() -> null);
        }
    }

    /** @return whether a bounded frame of this length fits in {@code maxBytes} now */
    boolean fits(long length) {
        return bytesUsed + length <= options.maxBytes();
    }

    /**
     * Returns once the frame is on disk, sharing the force with others if grouped.
     *
     * @throws OutboxInDoubtException if the force failed, or recovery after a fault cut the frame
     *                                off: it may or may not be on disk
     */
    void awaitDurable(Position at) throws OutboxInDoubtException {
        try {
            durability.await(at.ticket());
        } catch (IOException e) {
            throw new OutboxInDoubtException(JournalMessages.inDoubt(directory.path(), e), e);
        }
        if (mark.lost(at.generation(), at.ticket())) {
            IOException cut = new IOException("the record was cut off by recovery after a disk fault");
            throw new OutboxInDoubtException(JournalMessages.inDoubt(directory.path(), cut), cut);
        }
    }

    /** Forces the current segment now; call inside {@link #exclusive}. */
    void forceCurrent() throws IOException {
        long size = current.size();
        try {
            current.force();
        } catch (IOException e) {
            mark.fail(e);
            throw e;
        }
        mark.forced(size);
        durability.covered(appended);
    }

    /** Deletes the oldest segment, which must not be the current one; call inside {@link #exclusive}. */
    void deleteOldest() throws IOException {
        Segment oldest = segments.firstEntry().getValue();
        if (oldest == current) {
            throw new IllegalStateException("the current segment cannot be deleted");
        }
        segments.remove(oldest.sequence());
        bytesUsed -= oldest.size();
        oldest.delete();
        directory.sync();
    }

    /** @return whether the current segment holds more than its header */
    boolean currentHasRecords() {
        return current.size() > HEADER_BYTES;
    }

    long currentSequence() {
        return current.sequence();
    }

    Segment oldest() {
        return segments.firstEntry().getValue();
    }

    /** @return the segment, {@code null} once deleted */
    Segment segment(long sequence) {
        return segments.get(sequence);
    }

    int segmentCount() {
        return segments.size();
    }

    /** @return how many times the journal moved to a new segment since it was opened */
    long rollovers() {
        return rollovers;
    }

    long bytesUsed() {
        return bytesUsed;
    }

    /** @return how many appends (writes of one or more records) were made since open */
    long appends() {
        return appended;
    }

    /** @return how many forces commits have waited for */
    long forces() {
        return durability.forces();
    }

    boolean isClosed() {
        return closed;
    }

    Path directory() {
        return directory.path();
    }

    /** Forces what was appended, best effort, and closes every segment. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (mark.failure() == null && queued.pending()) {
                try {
                    queued.run();
                } catch (IOException | RuntimeException e) {
                    // unwritten delivery outcomes mean one more delivery after the restart
                }
            }
            closed = true;
            if (mark.failure() == null) {
                current.force();
            }
        } catch (IOException e) {
            // unforced records are delivery outcomes; losing them means one more delivery
        } finally {
            for (Segment segment : segments.values()) {
                try {
                    segment.close();
                } catch (IOException e) {
                    // the channel is released either way
                }
            }
            lock.unlock();
        }
    }

    private void requireUsable() throws OutboxException {
        if (closed) {
            throw new OutboxException(JournalMessages.closed(directory.path()));
        }
        if (mark.failure() != null) {
            try {
                recover();
            } catch (IOException e) {
                e.addSuppressed(mark.failure());
                throw new OutboxException(JournalMessages.stopped(directory.path(), e), e);
            }
        }
    }

    /** Cuts the current segment back to its last good force and rebuilds the index; see the class comment. */
    private void recover() throws IOException, OutboxException {
        long dropped = current.size() - mark.forcedSize();
        current.truncate(mark.forcedSize());
        if (current.size() == 0) {
            writeHeader(current);
            current.force();
            mark.forced(current.size());
        }
        rebuild.run(List.copyOf(segments.values()));
        long used = 0;
        for (Segment segment : segments.values()) {
            used += segment.size();
        }
        bytesUsed = used;
        IOException cause = mark.recovered(durability.durable());
        LOG.warning(JournalMessages.recovered(directory.path(), dropped, cause));
    }

    /** Closes the current segment and starts a new one; call inside {@link #exclusive}. */
    void rollover() throws IOException {
        forceCurrent();
        Segment next = newSegment(current.sequence() + 1);
        segments.put(next.sequence(), next);
        current = next;
        mark.forced(0); // its header is not forced yet
        rollovers++;
    }

    private Segment newSegment(long sequence) throws IOException {
        Segment segment = Segment.create(sequence, directory.segmentFile(sequence), directory.files());
        try {
            writeHeader(segment);
            directory.sync();
        } catch (IOException e) {
            try {
                segment.delete();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        bytesUsed += HEADER_BYTES;
        return segment;
    }

    private void writeHeader(Segment segment) throws IOException {
        segment.append(RecordCodec.encode(new Header(nextId.getAsLong())).frame());
    }

    /**
     * The group's force: snapshots the current segment and ticket under the lock and forces outside
     * it. Segments before the current one were forced when it was started.
     */
    private long forceForGroup() throws IOException {
        Segment target;
        long reached;
        long size;
        long gen;
        lock.lock();
        try {
            if (closed || mark.failure() != null) {
                throw new IOException(closed ? "the outbox was closed before the record was forced"
                        : "an earlier write or force failed", mark.failure());
            }
            target = current;
            reached = appended;
            size = target.size();
            gen = mark.generation();
        } finally {
            release();
        }
        IOException forceFailure = null;
        try {
            target.force();
        } catch (IOException e) {
            forceFailure = e;
        }
        lock.lock();
        try {
            if (forceFailure != null) {
                mark.fail(forceFailure);
                throw forceFailure;
            }
            if (target == current) {
                mark.forced(size, gen);
            }
        } finally {
            release();
        }
        return reached;
    }
}
