package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.journal.JournalRecord.Commit;
import io.mailroom.adapter.outbox.journal.JournalRecord.Dead;
import io.mailroom.adapter.outbox.journal.JournalRecord.Deferred;
import io.mailroom.adapter.outbox.journal.JournalRecord.Delivered;
import io.mailroom.adapter.outbox.journal.JournalRecord.Discarded;
import io.mailroom.adapter.outbox.journal.JournalRecord.Header;
import io.mailroom.adapter.outbox.journal.JournalRecord.Narrowed;
import io.mailroom.adapter.outbox.journal.JournalRecord.Rollback;
import io.mailroom.adapter.outbox.journal.JournalRecord.Store;
import io.mailroom.adapter.outbox.journal.RecordCodec.Decoded;
import io.mailroom.adapter.outbox.journal.RecordCodec.MalformedRecordException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * Rebuilds the index from the segments on open, oldest first, record by record.
 *
 * <p>A frame is accepted only if its length fits in the file and its CRC32C matches; a segment
 * must start with a header. The first frame that fails ends the valid part of the segment. In the
 * last segment that is a torn write from a crash: everything from that offset on is logged and cut
 * off, so none of it (in particular none of the messages of a half-written record) is ever
 * delivered, and appends continue at the cut. In an older segment, which was forced whole before
 * the next one was started, it is real corruption and opening fails ({@code MAILROOM-5007}).
 *
 * <p>A frame whose checksum matches but that does not decode (a journal version or record type
 * this version does not know) was written whole, so it is never a torn write: opening fails with
 * {@code MAILROOM-5040} naming file and offset, in any segment, and nothing is cut off.
 *
 * <p>Records about entries or branches that are not in the index (their segment was deleted after
 * they were settled) change nothing.
 */
final class JournalReplay {
    private static final Logger LOG = Logger.getLogger(JournalOutbox.class.getName());
    /** Frames up to this length are read into memory whole; longer ones (large messages) are streamed. */
    static final int LOADED_FRAME = RecordCodec.INLINE_BODIES;

    private JournalReplay() {
    }

    /** The frame at the offset is torn or corrupt, for the reason given. */
    private static final class BadFrame extends Exception {
        private static final long serialVersionUID = 1L;

        BadFrame(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Replays the segments into {@code index}, cutting off a torn tail of the last one.
     *
     * @return the highest next id recorded in a segment header
     * @throws OutboxException {@code MAILROOM-5007} if a segment other than the last is corrupt
     */
    static long replay(List<Segment> segments, JournalIndex index) throws IOException, OutboxException {
        return replay(segments, index, id -> { });
    }

    /**
     * {@link #replay(List, JournalIndex)}, telling {@code settledDeadLetters} the id of every dead
     * letter a record requeued or discarded: if its files are still there, a crash came before
     * they were deleted, and the caller deletes them now.
     */
    static long replay(List<Segment> segments, JournalIndex index, LongConsumer settledDeadLetters)
            throws IOException, OutboxException {
        long nextId = 1;
        for (int i = 0; i < segments.size(); i++) {
            nextId = Math.max(nextId, replaySegment(segments.get(i), i == segments.size() - 1, index, settledDeadLetters));
        }
        return nextId;
    }

    private static long replaySegment(Segment segment, boolean last, JournalIndex index, LongConsumer settledDeadLetters)
            throws IOException, OutboxException {
        long size = segment.size();
        long position = 0;
        long nextId = 1;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(segment.inputStream(size), (int) Math.min(1 << 16, size + 1)))) {
            while (position < size) {
                Decoded decoded = readFrame(in, segment, position, size - position);
                if (position == 0 && !(decoded.record() instanceof Header)) {
                    throw new BadFrame("the segment does not start with a header");
                }
                if (decoded.record() instanceof Header header) {
                    nextId = Math.max(nextId, header.nextId());
                } else {
                    apply(decoded, segment.sequence(), position, index, settledDeadLetters);
                }
                position += decoded.frameLength();
            }
        } catch (BadFrame e) {
            if (!last) {
                throw new OutboxException(JournalMessages.corruptSegment(segment.file(), position, e.getMessage()));
            }
            LOG.warning(JournalMessages.tornTail(segment.file(), position, e.getMessage(), size - position));
            segment.truncate(position);
        } catch (MalformedRecordException e) {
            // The checksum matched, so these bytes are what was written: not a torn write but a record
            // this version cannot read (a newer journal, a bug). Cutting it off would destroy it and
            // every forced record after it.
            throw new OutboxException(JournalMessages.undecodableRecord(segment.file(), position, e.getMessage()), e);
        }
        return nextId;
    }

    /**
     * Reads the frame at {@code start}. A frame longer than {@link #LOADED_FRAME} is not loaded:
     * its checksum is computed over a second stream in bounded chunks, and only then is it
     * decoded from {@code in}, its message bodies skipped and left in the segment.
     */
    private static Decoded readFrame(DataInputStream in, Segment segment, long start, long left)
            throws IOException, BadFrame, MalformedRecordException {
        if (left < RecordCodec.FRAME_HEADER + 1) {
            throw new BadFrame("only " + left + " bytes left, too few for a record");
        }
        int length = in.readInt();
        int checksum = in.readInt();
        if (length < 1 || length > left - RecordCodec.FRAME_HEADER) {
            throw new BadFrame("record length " + length + " does not fit the " + left + " bytes left");
        }
        long bodyStart = start + RecordCodec.FRAME_HEADER;
        if (length > LOADED_FRAME) {
            if (streamedChecksum(segment, bodyStart, length) != checksum) {
                throw new BadFrame("checksum mismatch");
            }
            return RecordCodec.decode(new RecordInput.Stream(in, length,
                    (at, bodyLength) -> new SegmentBody(segment, bodyStart + at, bodyLength)));
        }
        byte[] body = new byte[length];
        in.readFully(body);
        if (RecordCodec.checksum(ByteBuffer.wrap(body)) != checksum) {
            throw new BadFrame("checksum mismatch");
        }
        return RecordCodec.decode(ByteBuffer.wrap(body));
    }

    private static int streamedChecksum(Segment segment, long from, long length) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] chunk = new byte[Segment.COPY_BUFFER];
        try (InputStream bytes = segment.inputStream(from, length)) {
            for (int n = bytes.read(chunk); n >= 0; n = bytes.read(chunk)) {
                crc.update(chunk, 0, n);
            }
        }
        return (int) crc.getValue();
    }

    private static void apply(Decoded decoded, long segment, long frameStart, JournalIndex index,
                              LongConsumer settledDeadLetters) {
        JournalRecord record = decoded.record();
        if (record instanceof Store store) {
            if (store.requeuedFrom() > 0) {
                index.remove(store.requeuedFrom()); // the entry it was, should its Dead record be lost
                settledDeadLetters.accept(store.requeuedFrom());
            }
            List<IndexEntry> entries = new ArrayList<>(store.messages().size());
            for (int i = 0; i < store.messages().size(); i++) {
                long mimeOffset = frameStart + decoded.mimeOffsets()[i];
                entries.add(IndexEntry.of(store.messages().get(i), store.branch(), segment, mimeOffset));
            }
            index.add(entries, store.branch(), segment, true);
        } else if (record instanceof Commit commit) {
            index.commitBranch(commit.branch());
        } else if (record instanceof Rollback rollback) {
            index.rollbackBranch(rollback.branch());
        } else if (record instanceof Delivered delivered) {
            index.remove(delivered.id());
        } else if (record instanceof Deferred deferred) {
            index.defer(deferred.id(), deferred.attempts(), deferred.notBefore(), deferred.reason());
        } else if (record instanceof Narrowed narrowed) {
            index.narrow(narrowed.id(), narrowed.recipients());
        } else if (record instanceof Dead dead) {
            index.remove(dead.id());
        } else if (record instanceof Discarded discarded) {
            index.remove(discarded.id());
            settledDeadLetters.accept(discarded.id());
        }
    }
}
