package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.HeaderPart;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalRecord.Discarded;
import io.mailroom.adapter.outbox.journal.JournalRecord.Store;
import io.mailroom.adapter.outbox.journal.JournalRecord.StoreKind;
import io.mailroom.adapter.outbox.journal.JournalWriter.Position;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What an operator does to the journal outbox: read a message's headers, requeue or delete a
 * dead letter.
 *
 * <p>Requeue and delete first append a record and force it ({@code REQUEUE} carrying the message
 * under a new id, or {@code DISCARDED}), then delete the dead letter's files and sync the
 * directory. A crash between the two leaves the files; replay finds the record and deletes them
 * on open (see {@link JournalReplay}). Both records also settle the entry the dead letter once
 * was, so that entry cannot come back from its stored record if its {@code DEAD} record, which is
 * not forced, was lost. One operator action runs at a time.
 */
final class OperatorActions {
    private static final Logger LOG = Logger.getLogger(JournalOutbox.class.getName());

    private final Path directory;
    private final JournalWriter writer;
    private final JournalIndex index;
    private final DeadLetterStore deadLetters;
    private final AtomicLong ids;
    private final Compactor compactor;
    private final Object oneAtATime = new Object();

    OperatorActions(Path directory, JournalWriter writer, JournalIndex index, DeadLetterStore deadLetters, AtomicLong ids,
                    Compactor compactor) {
        this.compactor = compactor;
        this.directory = directory;
        this.writer = writer;
        this.index = index;
        this.deadLetters = deadLetters;
        this.ids = ids;
    }

    Optional<String> headers(long id, int maxBytes) throws OutboxException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        try {
            IndexEntry entry = index.get(id);
            if (entry != null) {
                Segment segment = writer.segment(entry.segment());
                if (segment != null) {
                    return Optional.of(HeaderPart.of(segment.read(entry.mimeOffset(), Math.min(maxBytes, entry.mimeLength()))));
                }
            }
            if (deadLetters.find(id).isPresent()) {
                return Optional.of(HeaderPart.of(deadLetters.read(id, maxBytes)));
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new OutboxException(JournalMessages.ioFailure(directory, "read the headers of " + id, e), e);
        }
    }

    /** @return the new entry's id, or empty for an unknown dead letter; see {@code Outbox.requeue} */
    OptionalLong requeue(long deadLetterId) throws OutboxException {
        synchronized (oneAtATime) {
            writer.recoverIfFailed(); // a record left in doubt by a disk fault is settled first, so it is not done twice
            Optional<DeadLetter> found = deadLetters.find(deadLetterId);
            if (found.isEmpty()) {
                return OptionalLong.empty();
            }
            DeadLetter letter = found.get();
            byte[] mime;
            try {
                mime = deadLetters.message(deadLetterId);
            } catch (IOException e) {
                throw new OutboxException(JournalMessages.ioFailure(directory, "read dead letter " + deadLetterId, e), e);
            }
            Instant now = Instant.now();
            OutboxEntry entry = new OutboxEntry(ids.getAndIncrement(),
                    new OutboxMessage(letter.mailFrom(), letter.recipients(), letter.messageId(), mime), now, 0, now);
            RecordCodec.Encoded encoded = RecordCodec.encode(new Store(StoreKind.REQUEUE, null, List.of(entry), deadLetterId));
            Position written = writer.exclusive(() -> {
                if (!writer.fits(encoded.frame().remaining())) {
                    compactor.reclaim();
                }
                Position at = writer.append(encoded.frame(), true); // bounded like a commit: MAILROOM-5001 when full
                index.add(List.of(IndexEntry.of(entry, null, at.segment(), at.offset() + encoded.mimeOffsets()[0])),
                        null, at.segment(), false);
                compactor.compact();
                return at;
            });
            writer.awaitDurable(written);
            dropFiles(deadLetterId);
            index.publish(List.of(entry.id()));
            return OptionalLong.of(entry.id());
        }
    }

    /** @return {@code false} for an unknown dead letter; see {@code Outbox.deleteDeadLetter} */
    boolean delete(long deadLetterId) throws OutboxException {
        synchronized (oneAtATime) {
            writer.recoverIfFailed();
            if (deadLetters.find(deadLetterId).isEmpty()) {
                return false;
            }
            Position written = writer.exclusive(() -> {
                Position at = writer.append(RecordCodec.encode(new Discarded(deadLetterId)).frame(), false);
                compactor.compact();
                return at;
            });
            writer.awaitDurable(written);
            dropFiles(deadLetterId);
            return true;
        }
    }

    /**
     * Deletes the files of a dead letter whose requeue or deletion is on disk. A failure is only
     * logged: the record is durable, and the next open deletes them.
     */
    void dropFiles(long deadLetterId) {
        try {
            deadLetters.remove(deadLetterId);
        } catch (IOException e) {
            LOG.log(Level.WARNING, JournalMessages.deadLetterFilesLeft(directory, deadLetterId, e), e);
        }
    }
}
