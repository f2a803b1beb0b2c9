package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.journal.JournalRecord.Delivered;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@code delivered} records of entries the workers settled, queued and written together: one
 * write (and one take of the journal lock) for every delivery settled while the lock was busy,
 * instead of one each. The queue is drained by whoever lets go of the journal lock next (see
 * {@link JournalWriter#onRelease}), or by the settling worker itself if the lock is free, so a
 * record waits at most for the current holder. Until then the entry stays taken in the index,
 * as while it was being sent: nobody else delivers it. Each record is a frame of its own, so a
 * write torn by a crash leaves the frames before the tear valid, and replay cuts the rest off;
 * a lost {@code delivered} record means one more delivery, as when it was written unforced.
 */
final class SettledDeliveries implements JournalWriter.Queued {
    private final ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
    private final JournalWriter writer;
    private final JournalIndex index;
    private final Compactor compactor;

    SettledDeliveries(JournalWriter writer, JournalIndex index, Compactor compactor) {
        this.writer = writer;
        this.index = index;
        this.compactor = compactor;
    }

    /** Queues entry {@code id}'s record; the caller then lets the writer run the queue. */
    void add(long id) {
        ids.add(id);
    }

    @Override
    public boolean pending() {
        return !ids.isEmpty();
    }

    /** Writes every queued record of a live entry in one write and removes those entries; holding the journal lock. */
    @Override
    public void run() throws IOException {
        List<Long> live = new ArrayList<>();
        List<ByteBuffer> frames = new ArrayList<>();
        int length = 0;
        for (Long id = ids.poll(); id != null; id = ids.poll()) {
            if (index.get(id) != null) {
                ByteBuffer frame = RecordCodec.encode(new Delivered(id)).frame();
                live.add(id);
                frames.add(frame);
                length += frame.remaining();
            }
        }
        if (live.isEmpty()) {
            return;
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        frames.forEach(f -> all.put(f.duplicate()));
        try {
            writer.append(all.flip(), false);
        } catch (IOException | RuntimeException e) {
            ids.addAll(live); // still taken in the index: written by a later holder
            throw e;
        } catch (io.mailroom.adapter.outbox.OutboxException e) {
            ids.addAll(live);
            throw new IOException(e.getMessage(), e); // not thrown for an unbounded append
        }
        live.forEach(index::remove);
        compactor.compact();
    }
}
