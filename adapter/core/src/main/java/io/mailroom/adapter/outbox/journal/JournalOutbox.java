package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.OutboxStats;
import io.mailroom.adapter.outbox.journal.JournalRecord.Commit;
import io.mailroom.adapter.outbox.journal.JournalRecord.Dead;
import io.mailroom.adapter.outbox.journal.JournalRecord.Deferred;
import io.mailroom.adapter.outbox.journal.JournalRecord.Delivered;
import io.mailroom.adapter.outbox.journal.JournalRecord.Narrowed;
import io.mailroom.adapter.outbox.journal.JournalRecord.Rollback;
import io.mailroom.adapter.outbox.journal.JournalRecord.Store;
import io.mailroom.adapter.outbox.journal.JournalRecord.StoreKind;
import io.mailroom.adapter.outbox.journal.JournalWriter.Position;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded outbox: an append-only journal in a directory of the server's.
 *
 * <h2>On disk</h2>
 * {@code segment-<n>.log} files hold records framed as length, CRC32C, type, payload (see
 * {@code RecordCodec}). Each segment starts with a header carrying the next outbox id, so ids keep
 * increasing across restarts even when old segments are gone. Record types: one-phase commit
 * (messages, due at once), prepare (branch and messages), commit and rollback of a branch,
 * delivered, deferred (attempts, not-before, reason), narrowed (the recipients still pending after
 * some accepted or were dead-lettered; type 10, new in 1.1), dead, relocate (see compaction), and
 * an operator's requeue (type 11) or deletion (type 12) of a dead letter (new in 1.2, see
 * {@code OperatorActions}). Each
 * message in a record carries its id and state; a record's messages are stored all or nothing.
 * {@code dead/} holds the dead letters as {@code <id>.eml} and {@code <id>.properties}; a
 * {@code lock} file keeps a second outbox off the directory. ({@code spool/} next to them is the
 * transaction side's, see {@code Spool}; the journal never reads it.)
 *
 * <h2>In memory</h2>
 * An index of the live entries: envelope, state, and where the MIME bytes lie in which segment.
 * A worker that takes an entry gets a body that streams the bytes from the segment file as it
 * sends them (for the first attempt at a message committed in memory, the bytes the commit
 * wrote, still in memory, up to 16 MB in all: see {@code RecentBodies}); no message is ever loaded whole, neither here nor when it is stored: a record whose
 * messages are large is copied into the segment in bounded chunks (see {@code RecordCodec}). Due entries wait in a set ordered
 * by not-before then id; entries taken by a worker are only marked, so after a restart they are
 * due again.
 *
 * <h2>Durability</h2>
 * {@link #commitOnePhase} and {@link #prepare} append under the journal lock and then wait outside
 * it until a force covers their record. With {@link JournalOptions#groupCommit()} one waiting
 * caller forces for everyone who appended before it started (see {@code GroupCommit}). Committed
 * messages become due only after that force. Other records are appended in order and reach the
 * disk with the next force, when a segment is closed, or on {@link #close}; the {@code delivered}
 * records of deliveries settled while the journal lock is busy are written together, in one write,
 * by its holder before it lets go (see {@code SettledDeliveries}).
 *
 * <h2>Recovery</h2>
 * On open every segment is replayed oldest first. A frame whose length does not fit the file or
 * whose checksum fails ends the valid journal: at the tail of the last segment it is a torn write,
 * logged as {@code MAILROOM-5004} with file and offset and cut off before anything is delivered;
 * anywhere else opening fails with {@code MAILROOM-5007}. A frame whose checksum matches but that
 * does not decode was written whole (a newer version, a bug): opening fails with
 * {@code MAILROOM-5040} and nothing is cut off.
 *
 * <h2>Disk faults</h2>
 * A failed write stores nothing ({@code MAILROOM-5002}). A failed force leaves the records since
 * the last good force in doubt: the caller gets {@code OutboxInDoubtException}
 * ({@code MAILROOM-5041}), and the next call cuts those records off and reloads the index from
 * what is on disk ({@code MAILROOM-5042}), without a restart, or fails with {@code MAILROOM-5008}
 * while the disk still fails (see {@code JournalWriter}).
 *
 * <h2>Compaction</h2>
 * The journal rolls to a new segment at {@code segmentBytes}. A segment is deleted once it is the
 * oldest and holds no live entry and no prepared branch's record; later records about what it
 * held are then ignored by replay. When rolling over, the live leftovers of a sparse oldest
 * segment are copied forward, with their state, so a long-lived entry does not pin the journal
 * (see {@code Compactor}).
 *
 * <p>Thread-safe for any number of transaction threads and delivery workers.
 */
public final class JournalOutbox implements Outbox {
    private final JournalDirectory directory;
    private final JournalWriter writer;
    private final JournalIndex index;
    private final DeadLetterStore deadLetters;
    private final Compactor compactor;
    private final OperatorActions operator;
    private final AtomicLong ids;
    private final RecentBodies recent = new RecentBodies();
    private final SettledDeliveries settled;

    private JournalOutbox(JournalDirectory directory, JournalOptions options, JournalWriter writer, JournalIndex index,
                          DeadLetterStore deadLetters, AtomicLong ids) {
        this.directory = directory;
        this.writer = writer;
        this.index = index;
        this.deadLetters = deadLetters;
        this.ids = ids;
        this.compactor = new Compactor(writer, index, options.segmentBytes());
        this.operator = new OperatorActions(directory.path(), writer, index, deadLetters, ids, compactor);
        this.settled = new SettledDeliveries(writer, index, compactor);
        writer.onRelease(settled);
        writer.onRecovery(segments -> {
            recent.clear();
            JournalIndex rebuilt = new JournalIndex();
            List<Long> settled = new ArrayList<>();
            JournalReplay.replay(segments, rebuilt, settled::add);
            deadLetters.ids().forEach(rebuilt::remove);
            index.replaceWith(rebuilt);
            settled.stream().filter(id -> deadLetters.find(id).isPresent()).forEach(operator::dropFiles);
        });
    }

    /**
     * Opens the outbox in {@code directory}, creating the directory if missing, and recovers its
     * state from the journal.
     *
     * @throws OutboxException if the directory cannot be created or written ({@code MAILROOM-5003}),
     *                         is open elsewhere ({@code MAILROOM-5009}), cannot be read
     *                         ({@code MAILROOM-5002}), holds a corrupt segment ({@code MAILROOM-5007}) or a
     *                         record it cannot decode ({@code MAILROOM-5040})
     */
    public static JournalOutbox open(Path directory, JournalOptions options) throws OutboxException {
        return open(directory, options, JournalFiles.DISK);
    }

    /** {@link #open(Path, JournalOptions)} on the given file system: tests pass a simulated disk. */
    static JournalOutbox open(Path directory, JournalOptions options, JournalFiles files) throws OutboxException {
        Objects.requireNonNull(options, "options");
        JournalDirectory dir = JournalDirectory.open(directory, files);
        List<Segment> segments = new ArrayList<>();
        try {
            DeadLetterStore deadLetters = DeadLetterStore.open(dir.deadLetters(), files);
            segments.addAll(dir.openSegments());
            JournalIndex index = new JournalIndex();
            List<Long> settled = new ArrayList<>();
            long headerNextId = JournalReplay.replay(segments, index, settled::add);
            for (long id : settled) {
                if (deadLetters.find(id).isPresent()) {
                    deadLetters.remove(id); // requeued or deleted, though the crash came before its files went
                }
            }
            deadLetters.ids().forEach(index::remove); // dead, though the crash came before the journal said so
            long nextId = Math.max(headerNextId, Math.max(index.maxId(), deadLetters.maxId()) + 1);
            AtomicLong ids = new AtomicLong(nextId);
            JournalWriter writer = JournalWriter.start(dir, options, segments, ids::get);
            return new JournalOutbox(dir, options, writer, index, deadLetters, ids);
        } catch (IOException e) {
            closeAll(segments, dir);
            throw new OutboxException(JournalMessages.ioFailure(dir.path(), "open its journal", e), e);
        } catch (OutboxException | RuntimeException e) {
            closeAll(segments, dir);
            throw e;
        }
    }

    @Override
    public void commitOnePhase(List<OutboxMessage> messages) throws OutboxException {
        if (messages.isEmpty()) {
            return;
        }
        List<OutboxEntry> stored = store(StoreKind.ONE_PHASE, null, messages);
        for (OutboxEntry e : stored) {
            recent.keep(e.id(), e.message().body());
        }
        index.publish(stored.stream().map(OutboxEntry::id).toList());
    }

    @Override
    public void prepare(String branch, List<OutboxMessage> messages) throws OutboxException {
        store(StoreKind.PREPARE, Objects.requireNonNull(branch, "branch"), messages);
    }

    @Override
    public boolean commitPrepared(String branch) throws OutboxException {
        // Forced (through group commit): a transaction manager that has logged the end of the
        // transaction would otherwise find the branch in doubt after a crash, presume abort, and
        // roll back mail it had committed.
        Position written = writer.exclusive(() -> {
            if (!index.hasBranch(branch)) {
                return null;
            }
            Position at = writer.append(RecordCodec.encode(new Commit(branch)).frame(), false);
            index.commitBranch(branch);
            compactor.compact();
            return at;
        });
        if (written == null) {
            return false;
        }
        writer.awaitDurable(written);
        return true;
    }

    @Override
    public boolean rollbackPrepared(String branch) throws OutboxException {
        return writer.exclusive(() -> {
            if (!index.hasBranch(branch)) {
                return false;
            }
            writer.append(RecordCodec.encode(new Rollback(branch)).frame(), false);
            index.rollbackBranch(branch);
            compactor.compact();
            return true;
        });
    }

    /** After a disk fault, first tries to recover, so the answer is what is on disk. */
    @Override
    public Set<String> preparedBranches() {
        try {
            writer.recoverIfFailed();
        } catch (OutboxException e) {
            // the disk still fails: answer from memory, as before the fault
        }
        return index.branches();
    }

    @Override
    public Optional<Instant> nextDue() {
        return index.nextDue();
    }

    @Override
    public Optional<OutboxEntry> takeDue(Instant now) throws OutboxException {
        requireOpen();
        writer.recoverIfFailed();
        Optional<IndexEntry> due = index.takeDue(now);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        IndexEntry entry = due.get();
        try {
            return Optional.of(entry.toEntry(body(entry)));
        } catch (IOException e) {
            index.release(entry.id());
            throw new OutboxException(JournalMessages.ioFailure(directory.path(), "read entry " + entry.id(), e), e);
        }
    }

    /**
     * Queues the entry's {@code delivered} record; whoever holds the journal lock, or this caller
     * if nobody does, writes every queued one in one write ({@link SettledDeliveries}). Not forced,
     * as before: a record lost in a crash means one more delivery.
     */
    @Override
    public void delivered(long id) throws OutboxException {
        requireOpen();
        recent.drop(id);
        settled.add(id);
        writer.runQueued();
    }

    @Override
    public void deferred(long id, Instant notBefore, String reason) throws OutboxException {
        Objects.requireNonNull(notBefore, "notBefore");
        recent.drop(id); // a retry, maybe much later, reads the segment
        writer.exclusive(() -> {
            IndexEntry entry = index.get(id);
            if (entry != null) {
                int attempts = entry.attempts() + 1;
                writer.append(RecordCodec.encode(new Deferred(id, attempts, notBefore, reason)).frame(), false);
                index.defer(id, attempts, notBefore, reason);
            }
            return null;
        });
    }

    @Override
    public void narrow(long id, List<String> pending) throws OutboxException {
        if (pending.isEmpty()) {
            return;
        }
        Position written = writer.exclusive(() -> {
            IndexEntry entry = index.get(id);
            if (entry == null || entry.recipients().equals(pending)) {
                return null;
            }
            Position at = writer.append(RecordCodec.encode(new Narrowed(id, pending)).frame(), false);
            index.narrow(id, pending);
            return at;
        });
        if (written != null) {
            writer.awaitDurable(written);
        }
    }

    @Override
    public void dead(long id, List<String> refused, String reason) throws OutboxException {
        requireOpen();
        IndexEntry entry = index.get(id);
        if (entry == null) {
            return;
        }
        List<String> rest = entry.recipients().stream().filter(r -> !refused.contains(r)).toList();
        if (rest.isEmpty()) {
            narrow(id, refused);
            dead(id, reason);
            return;
        }
        // A dead letter of its own, under a fresh id: the entry's id stays with the live entry
        // (on open a dead letter with an entry's id settles that entry).
        DeadLetter letter = new DeadLetter(ids.getAndIncrement(), entry.messageId(), entry.mailFrom(), List.copyOf(refused),
                reason, Instant.now());
        try {
            deadLetters.add(letter, body(entry));
        } catch (IOException e) {
            throw new OutboxException(JournalMessages.ioFailure(directory.path(), "store dead letter " + letter.id(), e), e);
        }
        narrow(id, rest);
    }

    @Override
    public void dead(long id, String reason) throws OutboxException {
        requireOpen();
        IndexEntry entry = index.claim(id);
        if (entry == null) {
            return;
        }
        try {
            deadLetters.add(entry.toDeadLetter(reason, Instant.now()), body(entry));
        } catch (IOException e) {
            index.release(id);
            throw new OutboxException(JournalMessages.ioFailure(directory.path(), "store dead letter " + id, e), e);
        }
        settle(id, new Dead(id, reason));
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return deadLetters.newest(limit);
    }

    @Override
    public List<EntrySummary> entries(int limit) {
        return index.summaries(limit);
    }

    @Override
    public Optional<String> headers(long id, int maxBytes) throws OutboxException {
        requireOpen();
        return operator.headers(id, maxBytes);
    }

    @Override
    public OptionalLong requeue(long deadLetterId) throws OutboxException {
        requireOpen();
        return operator.requeue(deadLetterId);
    }

    @Override
    public boolean deleteDeadLetter(long deadLetterId) throws OutboxException {
        requireOpen();
        return operator.delete(deadLetterId);
    }

    @Override
    public OutboxStats stats() {
        return index.stats(Instant.now(), deadLetters.count(), writer.bytesUsed());
    }

    /** Forces what is still unforced, closes the files and releases the directory. Idempotent. */
    @Override
    public void close() {
        recent.clear();
        writer.close();
        directory.close();
    }

    /** @return how many committed bodies are kept in memory for their first delivery */
    int bodiesInMemory() {
        return recent.size();
    }

    /** @return the journal's writer, for tests that hold its lock or count its writes */
    JournalWriter writer() {
        return writer;
    }

    /** @return how many disk forces commits and prepares have waited for since open */
    long forceCount() {
        return writer.forces();
    }

    /** Records that a live entry left the outbox (delivered or dead); unknown ids are already settled. */
    private void settle(long id, JournalRecord outcome) throws OutboxException {
        recent.drop(id);
        writer.exclusive(() -> {
            if (index.get(id) != null) {
                writer.append(RecordCodec.encode(outcome).frame(), false);
                index.remove(id);
                compactor.compact();
            }
            return null;
        });
    }

    private List<OutboxEntry> store(StoreKind kind, String branch, List<OutboxMessage> messages) throws OutboxException {
        Instant now = Instant.now();
        long first = ids.getAndAdd(messages.size());
        List<OutboxEntry> stored = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            stored.add(new OutboxEntry(first + i, messages.get(i), now, 0, now));
        }
        RecordCodec.Encoded encoded;
        try {
            encoded = RecordCodec.encode(new Store(kind, branch, stored));
        } catch (IllegalArgumentException e) {
            throw new OutboxException(JournalMessages.full(directory.path(), writer.bytesUsed(), RecordCodec.MAX_FRAME), e);
        }
        Position written = writer.exclusive(() -> {
            if (branch != null && index.hasBranch(branch)) {
                throw new OutboxException(JournalMessages.alreadyPrepared(directory.path(), branch));
            }
            if (!writer.fits(encoded.length())) {
                compactor.reclaim();
            }
            Position at = writer.append(encoded, true);
            List<IndexEntry> entries = new ArrayList<>(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                entries.add(IndexEntry.of(stored.get(i), branch, at.segment(), at.offset() + encoded.mimeOffsets()[i]));
            }
            index.add(entries, branch, at.segment(), false);
            compactor.compact();
            return at;
        });
        writer.awaitDurable(written);
        return stored;
    }

    /** @return the entry's bytes where they lie, read when opened */
    private MessageBody body(IndexEntry entry) throws IOException {
        MessageBody kept = recent.get(entry.id());
        if (kept != null) {
            return kept;
        }
        Segment segment = writer.segment(entry.segment());
        if (segment == null) {
            throw new IOException("segment " + entry.segment() + " holding entry " + entry.id() + " was deleted");
        }
        return new SegmentBody(segment, entry.mimeOffset(), entry.mimeLength());
    }

    private void requireOpen() throws OutboxException {
        if (writer.isClosed()) {
            throw new OutboxException(JournalMessages.closed(directory.path()));
        }
    }

    private static void closeAll(List<Segment> segments, JournalDirectory dir) {
        for (Segment segment : segments) {
            try {
                segment.close();
            } catch (IOException e) {
                // opening failed already; that is the error to report
            }
        }
        dir.close();
    }
}
