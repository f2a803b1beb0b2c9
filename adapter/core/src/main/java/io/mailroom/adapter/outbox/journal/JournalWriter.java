package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.journal.JournalRecord.Header;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Appends frames to the current segment, rolls over to a new one at {@code segmentBytes} (or a
 * quarter of {@code maxBytes} if that is less, so settled segments can be freed well before the
 * journal is full), keeps the journal under {@code maxBytes}, and hands durability to
 * {@link GroupCommit}.
 *
 * <p>All appends happen inside {@link #exclusive}, one journal lock, so the order of records in
 * the files is the order in which the index changed. After a write or force fails in a way that
 * leaves the file in doubt, the writer stops: every later call fails with {@code MAILROOM-5008}
 * until the outbox is opened again, which recovers whatever reached the disk.
 */
final class JournalWriter implements AutoCloseable {
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
    private IOException failure;
    private volatile long bytesUsed;
    private volatile boolean closed;

    /** Where a frame landed and the ticket to wait on for its durability. */
    record Position(long segment, long offset, long ticket) {
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
            if (writer.current.size() == 0) {
                writer.writeHeader(writer.current);
                writer.bytesUsed += HEADER_BYTES;
            }
        }
        return writer;
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
            lock.unlock();
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
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("append outside exclusive()");
        }
        int length = frame.remaining();
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
                failure = e;
            }
            throw e;
        }
        bytesUsed += length;
        appended++;
        return new Position(current.sequence(), offset, appended);
    }

    /** @return whether a bounded frame of this length fits in {@code maxBytes} now */
    boolean fits(int length) {
        return bytesUsed + length <= options.maxBytes();
    }

    /** Returns once the frame with this ticket is on disk, sharing the force with others if grouped. */
    void awaitDurable(long ticket) throws OutboxException {
        try {
            durability.await(ticket);
        } catch (IOException e) {
            throw new OutboxException(JournalMessages.ioFailure(directory.path(), "force its journal to disk", e), e);
        }
    }

    /** Forces the current segment now; call inside {@link #exclusive}. */
    void forceCurrent() throws IOException {
        try {
            current.force();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
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
            closed = true;
            if (failure == null) {
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
        if (failure != null) {
            throw new OutboxException(JournalMessages.stopped(directory.path(), failure), failure);
        }
    }

    /** Closes the current segment and starts a new one; call inside {@link #exclusive}. */
    void rollover() throws IOException {
        forceCurrent();
        Segment next = newSegment(current.sequence() + 1);
        segments.put(next.sequence(), next);
        current = next;
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
        lock.lock();
        try {
            if (closed || failure != null) {
                throw new IOException(closed ? "the outbox was closed before the record was forced"
                        : "an earlier write or force failed", failure);
            }
            target = current;
            reached = appended;
        } finally {
            lock.unlock();
        }
        try {
            target.force();
        } catch (IOException e) {
            lock.lock();
            failure = e;
            lock.unlock();
            throw e;
        }
        return reached;
    }
}
