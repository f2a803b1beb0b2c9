package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxEntry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One record of the journal: what happened, in the order it happened. */
sealed interface JournalRecord {

    /** What a {@link Store} record means. */
    enum StoreKind {
        /** A transaction committed in one phase: the messages are due. */
        ONE_PHASE,
        /** A branch prepared: the messages wait for its commit or rollback. */
        PREPARE,
        /**
         * Live entries (and, with no messages, a prepared branch) copied forward from an old
         * segment so that segment can be deleted; each message carries its state at the time.
         */
        RELOCATE,
        /**
         * A dead letter given another chance (type 11, new in 1.2): one message under a new id,
         * due at once; the record also settles the dead letter {@code requeuedFrom} and the entry
         * it once was, so a crash before its files are deleted cannot leave the message twice.
         */
        REQUEUE
    }

    /** The first record of every segment. */
    record Header(long nextId) implements JournalRecord {
    }

    /**
     * Messages stored together, all or nothing; {@code branch} is {@code null} for committed ones.
     * {@code requeuedFrom} is the dead letter a {@code REQUEUE} record brings back, else 0.
     */
    record Store(StoreKind kind, String branch, List<OutboxEntry> messages, long requeuedFrom) implements JournalRecord {
        public Store(StoreKind kind, String branch, List<OutboxEntry> messages) {
            this(kind, branch, messages, 0);
        }

        public Store {
            Objects.requireNonNull(kind, "kind");
            messages = List.copyOf(messages);
            if ((kind == StoreKind.REQUEUE) != (requeuedFrom > 0)) {
                throw new IllegalArgumentException("a requeue record, and only one, names the dead letter it requeues");
            }
            if (kind == StoreKind.REQUEUE && (branch != null || messages.size() != 1)) {
                throw new IllegalArgumentException("a requeue record holds one committed message");
            }
            if (kind == StoreKind.PREPARE && branch == null) {
                throw new IllegalArgumentException("a prepare record needs a branch");
            }
            if (kind == StoreKind.ONE_PHASE && branch != null) {
                throw new IllegalArgumentException("a one-phase record has no branch");
            }
        }
    }

    /** A prepared branch committed. */
    record Commit(String branch) implements JournalRecord {
    }

    /** A prepared branch rolled back. */
    record Rollback(String branch) implements JournalRecord {
    }

    /** The SMTP server accepted the entry. */
    record Delivered(long id) implements JournalRecord {
    }

    /** The entry failed transiently; {@code attempts} is the new total. */
    record Deferred(long id, int attempts, Instant notBefore, String reason) implements JournalRecord {
    }

    /**
     * Some recipients are done with (accepted, or dead-lettered on their own): later attempts go
     * to {@code recipients} only. Added in Mailroom 1.1 as record type 10; older journals simply
     * have none.
     */
    record Narrowed(long id, List<String> recipients) implements JournalRecord {
        public Narrowed {
            recipients = List.copyOf(recipients);
        }
    }

    /** The entry moved to the dead-letter store. */
    record Dead(long id, String reason) implements JournalRecord {
    }

    /**
     * An operator deleted the dead letter {@code id} (type 12, new in 1.2). Also settles the entry
     * with that id, in case the crash that preceded the deletion came before its {@link Dead} record.
     */
    record Discarded(long id) implements JournalRecord {
    }
}
