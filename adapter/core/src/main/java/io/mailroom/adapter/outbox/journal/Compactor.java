package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.journal.JournalRecord.Deferred;
import io.mailroom.adapter.outbox.journal.JournalRecord.Store;
import io.mailroom.adapter.outbox.journal.JournalRecord.StoreKind;
import io.mailroom.adapter.outbox.journal.JournalWriter.Position;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Frees old segments. Segments go strictly oldest first, and only when nothing live is in them;
 * records in later segments that name entries or branches of a deleted segment are then about
 * settled things, and replay ignores them.
 *
 * <p>So that one long-lived entry (an in-doubt branch, a message retried for days) does not pin
 * every segment after it, each time the journal moves to a new segment, and when new messages do
 * not fit, the oldest segment is checked: if at least two newer segments exist and its live entries hold at most half a segment
 * of MIME bytes, they are copied forward as {@code RELOCATE} records carrying their current state
 * (and each prepared branch recorded there as an empty {@code RELOCATE} for that branch; an entry
 * with a deferral reason also gets a {@code DEFERRED} record repeating its state, so the reason moves too). Entries
 * a worker holds are not moved; the segment then waits for the next roll-over. Before any segment
 * is deleted the current one is forced, so copies are on disk before their originals go.
 */
final class Compactor {
    private static final Logger LOG = Logger.getLogger(JournalOutbox.class.getName());

    private final JournalWriter writer;
    private final JournalIndex index;
    private final long segmentBytes;
    private long rolloversSeen;

    Compactor(JournalWriter writer, JournalIndex index, long segmentBytes) {
        this.writer = writer;
        this.index = index;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Call inside {@link JournalWriter#exclusive} after every change. Failures are logged, not
     * thrown: the change itself succeeded, and the next call tries again.
     */
    void compact() {
        run(writer.rollovers() != rolloversSeen);
    }

    /**
     * Call inside {@link JournalWriter#exclusive} when new messages do not fit. Also closes the
     * current segment if nothing in it is live, so it can go, and copies the oldest segment's
     * leftovers forward if it is sparse, though no roll-over happened.
     */
    void reclaim() {
        try {
            if (writer.currentHasRecords() && index.liveItems(writer.currentSequence()) == 0) {
                writer.rollover();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, JournalMessages.compactionFailed(writer.directory(), e), e);
        }
        run(true);
    }

    private void run(boolean relocate) {
        try {
            if (relocate) {
                rolloversSeen = writer.rollovers();
                relocateSparseOldest();
            }
            boolean forced = false;
            while (writer.segmentCount() > 1 && index.liveItems(writer.oldest().sequence()) == 0) {
                if (!forced) {
                    writer.forceCurrent(); // copies made by relocation reach the disk before their originals go
                    forced = true;
                }
                writer.deleteOldest();
            }
        } catch (IOException | OutboxException e) {
            LOG.log(Level.WARNING, JournalMessages.compactionFailed(writer.directory(), e), e);
        }
    }

    private void relocateSparseOldest() throws IOException, OutboxException {
        Segment oldest = writer.oldest();
        long sequence = oldest.sequence();
        if (writer.segmentCount() < 3 || index.liveItems(sequence) == 0 || index.liveBytes(sequence) * 2 > segmentBytes) {
            return;
        }
        for (String branch : index.branchesIn(sequence)) {
            Position at = writer.append(RecordCodec.encode(new Store(StoreKind.RELOCATE, branch, List.of())).frame(), false);
            index.moveBranch(branch, at.segment());
        }
        for (IndexEntry e : index.untakenIn(sequence)) {
            SegmentBody body = new SegmentBody(oldest, e.mimeOffset(), e.mimeLength()); // streamed across if large
            RecordCodec.Encoded copy = RecordCodec.encode(new Store(StoreKind.RELOCATE, e.branch(), List.of(e.toEntry(body))));
            Position at = writer.append(copy, false);
            index.relocated(e.id(), at.segment(), at.offset() + copy.mimeOffsets()[0]);
            if (e.lastReason() != null) {
                // RELOCATE carries attempts and not-before but no reason: a deferral record with the
                // same state keeps the reason an operator reads.
                writer.append(RecordCodec.encode(new Deferred(e.id(), e.attempts(), e.notBefore(), e.lastReason())).frame(), false);
            }
        }
    }
}
