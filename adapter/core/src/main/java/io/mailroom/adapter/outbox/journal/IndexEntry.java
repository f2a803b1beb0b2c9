package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.time.Instant;
import java.util.List;

/**
 * What the outbox keeps in memory about one entry: where its MIME bytes are in the journal, its
 * envelope and its delivery state. The bytes themselves stay on disk.
 *
 * @param segment the sequence number of the segment holding the bytes
 * @param mimeOffset where the MIME bytes start in that segment
 * @param branch the prepared branch it belongs to, or {@code null} once committed
 * @param lastReason why the last attempt was deferred, or {@code null}
 */
record IndexEntry(long id, long segment, long mimeOffset, int mimeLength, String mailFrom, List<String> recipients,
                  String messageId, Instant enqueuedAt, int attempts, Instant notBefore, String branch,
                  String lastReason) {

    static IndexEntry of(OutboxEntry stored, String branch, long segment, long mimeOffset) {
        OutboxMessage m = stored.message();
        return new IndexEntry(stored.id(), segment, mimeOffset, Math.toIntExact(m.body().size()), m.mailFrom(), m.recipients(),
                m.messageId(), stored.enqueuedAt(), stored.attempts(), stored.notBefore(), branch, null);
    }

    IndexEntry committed() {
        return new IndexEntry(id, segment, mimeOffset, mimeLength, mailFrom, recipients, messageId, enqueuedAt,
                attempts, notBefore, null, lastReason);
    }

    IndexEntry deferred(int newAttempts, Instant newNotBefore, String reason) {
        return new IndexEntry(id, segment, mimeOffset, mimeLength, mailFrom, recipients, messageId, enqueuedAt,
                newAttempts, newNotBefore, branch, reason);
    }

    IndexEntry narrowedTo(List<String> pending) {
        return new IndexEntry(id, segment, mimeOffset, mimeLength, mailFrom, List.copyOf(pending), messageId, enqueuedAt,
                attempts, notBefore, branch, lastReason);
    }

    IndexEntry movedTo(long newSegment, long newMimeOffset) {
        return new IndexEntry(id, newSegment, newMimeOffset, mimeLength, mailFrom, recipients, messageId, enqueuedAt,
                attempts, notBefore, branch, lastReason);
    }

    EntrySummary toSummary() {
        return new EntrySummary(id, messageId, mailFrom, recipients, enqueuedAt, attempts, notBefore, lastReason, branch);
    }

    OutboxEntry toEntry(MessageBody body) {
        return new OutboxEntry(id, new OutboxMessage(mailFrom, recipients, messageId, body), enqueuedAt, attempts, notBefore);
    }

    DeadLetter toDeadLetter(String reason, Instant deadAt) {
        return new DeadLetter(id, messageId, mailFrom, recipients, reason, deadAt);
    }
}
