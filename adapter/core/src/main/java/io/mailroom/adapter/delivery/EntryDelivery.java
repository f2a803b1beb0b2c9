package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.adapter.smtp.RecipientReplies.Refusal;
import io.mailroom.adapter.smtp.SendOutcome;

import io.mailroom.api.DeliveryAttempt;
import io.mailroom.api.DeliveryAttempt.Outcome;
import io.mailroom.api.DeliveryListener;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailDeliveryException;
import io.mailroom.api.MailException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One delivery attempt of one outbox entry and what follows from the server's replies, recipient
 * by recipient:
 * <ul>
 * <li>recipients that got it are done with first ({@link Outbox#narrow}), so nothing that goes
 *     wrong afterwards sends it to them again;</li>
 * <li>recipients refused with a 5xx go to a dead letter naming only them, with their replies;</li>
 * <li>recipients refused with a 4xx (greylisting, rate limits) are tried again with backoff;
 *     after {@code 452 too many recipients} the rest go at once in a new mail transaction;</li>
 * <li>a 4xx or network failure for the whole message defers it, a 5xx makes it a dead letter;</li>
 * <li>an unexpected failure defers it, and a dead letter that cannot be written is tried again
 *     later: an entry is never left taken by a worker.</li>
 * </ul>
 */
final class EntryDelivery {
    private final Outbox outbox;
    private final RetryPolicy retry;
    private final DeliveryListener listener;
    private final DeliveryLog log;
    private final Clock clock;

    EntryDelivery(Outbox outbox, RetryPolicy retry, DeliveryListener listener, DeliveryLog log, Clock clock) {
        this.outbox = outbox;
        this.retry = retry;
        this.listener = listener;
        this.log = log;
        this.clock = clock;
    }

    /** Delivers the entry and records the outcome; returns once it is delivered, deferred or dead. */
    void deliver(DeliveryConnection connection, OutboxEntry entry) throws OutboxException {
        for (OutboxEntry next = entry; next != null; ) {
            next = attempt(connection, next);
        }
    }

    /**
     * Delivers the entries over one connection, sending each as soon as the previous one is on the
     * wire ({@link DeliveryConnection#sendInTurn}), and records each outcome as soon as it is known,
     * as {@link #deliver} does; then sends what a {@code 452} left of any at once. An entry whose
     * outcome cannot be recorded does not keep the others from theirs: the first such failure is
     * thrown at the end. An attempt's start is when the previous message's outcome came (the
     * messages overlap on the wire), the first's when the batch began.
     */
    void deliverInTurn(DeliveryConnection connection, List<OutboxEntry> entries) throws OutboxException {
        Recorder recorder = new Recorder(connection, entries);
        try {
            connection.sendInTurn(entries.stream().map(OutboxEntry::message).toList(), recorder::record);
        } catch (RuntimeException e) {
            recorder.failRest(e); // never leave an entry taken
        }
        for (OutboxEntry rest : recorder.rests) {
            try {
                deliver(connection, rest);
            } catch (OutboxException e) {
                recorder.unrecorded(e);
            }
        }
        if (recorder.unrecorded != null) {
            throw recorder.unrecorded;
        }
    }

    /** Records the outcomes of one {@link #deliverInTurn} as they come. */
    private final class Recorder {
        private final DeliveryConnection connection;
        private final List<OutboxEntry> entries;
        private final boolean[] recorded;
        private final List<OutboxEntry> rests = new ArrayList<>();
        private Instant started = clock.instant();
        private OutboxException unrecorded;

        Recorder(DeliveryConnection connection, List<OutboxEntry> entries) {
            this.connection = connection;
            this.entries = entries;
            this.recorded = new boolean[entries.size()];
        }

        void record(int index, SendOutcome outcome) {
            recorded[index] = true;
            try {
                OutboxEntry rest = conclude(connection, entries.get(index), outcome, started);
                if (rest != null) {
                    rests.add(rest);
                }
            } catch (OutboxException e) {
                unrecorded(e);
            }
            started = clock.instant();
        }

        /** Every entry without an outcome yet fails with {@code e} (it is deferred). */
        void failRest(RuntimeException e) {
            for (int i = 0; i < entries.size(); i++) {
                if (!recorded[i]) {
                    record(i, SendOutcome.failed(e));
                }
            }
        }

        void unrecorded(OutboxException e) {
            unrecorded = unrecorded == null ? e : unrecorded;
        }
    }

    /** @return the rest of the entry to send at once (after a 452), or {@code null} when it is settled */
    private OutboxEntry attempt(DeliveryConnection connection, OutboxEntry entry) throws OutboxException {
        Instant started = clock.instant();
        return conclude(connection, entry, SendOutcome.of(() -> connection.send(entry.message())), started);
    }

    /** Records what one attempt came to; @return the rest to send at once, or {@code null} */
    private OutboxEntry conclude(DeliveryConnection connection, OutboxEntry entry, SendOutcome sent, Instant started)
            throws OutboxException {
        if (sent.failure() != null) {
            report(connection, entry, failed(entry, sent.failure()), started);
            return null;
        }
        Settled settled = settle(entry, sent.replies());
        report(connection, entry, settled.outcome(), started);
        return settled.rest();
    }

    private Outcome failed(OutboxEntry entry, RuntimeException failure) throws OutboxException {
        if (failure instanceof MailDeliveryException e) {
            return e.isTransient() ? defer(entry, e.getMessage()) : fail(entry, e.getMessage());
        }
        if (failure instanceof MailConnectionException e) {
            return defer(entry, e.getMessage());
        }
        if (failure instanceof MailException e) {
            // The stored message itself is unusable (it cannot be parsed): retrying cannot help.
            return fail(entry, e.getMessage());
        }
        return defer(entry, DeliveryMessages.failedUnexpectedly(failure));
    }

    /** The attempt's timings, for metrics and traces: after the outcome's own event. */
    private void report(DeliveryConnection connection, OutboxEntry entry, Outcome outcome, Instant started) {
        listener.attempted(new DeliveryAttempt(entry.message().messageId(), outcome, entry.enqueuedAt(), started,
                clock.instant(), connection.takeConnectTime(), entry.attempts() + 1));
    }

    /** What is left to send at once ({@code null} if nothing), and how the attempt counts. */
    private record Settled(OutboxEntry rest, Outcome outcome) {
    }

    private Settled settle(OutboxEntry entry, RecipientReplies replies) throws OutboxException {
        String messageId = entry.message().messageId();
        if (replies.refused().isEmpty()) {
            outbox.delivered(entry.id());
            listener.sent(messageId, replies.receipt());
            return new Settled(null, Outcome.SENT);
        }
        if (!replies.accepted().isEmpty()) {
            outbox.narrow(entry.id(), addresses(replies.refused()));
            listener.sent(messageId, replies.receipt());
        }
        Outcome some = replies.accepted().isEmpty() ? null : Outcome.SENT;
        List<Refusal> permanent = replies.permanentRefusals();
        List<Refusal> later = replies.transientRefusals();
        OutboxEntry rest = narrowed(entry, replies.refused());
        if (!permanent.isEmpty()) {
            String reason = DeliveryMessages.refused(permanent);
            if (later.isEmpty()) {
                Outcome failed = fail(rest, reason);
                return new Settled(null, some != null ? some : failed);
            }
            try {
                outbox.dead(entry.id(), addresses(permanent), reason);
            } catch (OutboxException e) {
                Outcome deferred = retryLater(rest, DeliveryMessages.deadLetterNotStored(reason, e), clock.instant());
                return new Settled(null, some != null ? some : deferred);
            }
            log.deadLettered(messageId, reason);
            listener.failed(messageId, reason);
            rest = narrowed(entry, later);
        }
        if (!replies.accepted().isEmpty() && later.stream().allMatch(Refusal::isTooManyRecipients)) {
            return new Settled(rest, Outcome.SENT); // the server took some: the others go in the next mail transaction, now
        }
        Outcome deferred = defer(rest, DeliveryMessages.refused(later));
        return new Settled(null, some != null ? some : deferred);
    }

    private Outcome defer(OutboxEntry entry, String reason) throws OutboxException {
        int attempts = entry.attempts() + 1;
        Instant now = clock.instant();
        if (retry.givesUp(entry.enqueuedAt(), attempts, now)) {
            return fail(entry, DeliveryMessages.expired(attempts, reason));
        }
        return retryLater(entry, reason, now);
    }

    private Outcome retryLater(OutboxEntry entry, String reason, Instant now) throws OutboxException {
        int attempts = entry.attempts() + 1;
        Instant next = now.plus(retry.delayAfter(attempts));
        outbox.deferred(entry.id(), next, reason);
        log.deferred(entry.message().messageId(), attempts, reason, next, now);
        listener.deferred(entry.message().messageId(), reason, next);
        return Outcome.DEFERRED;
    }

    /** Dead-letters the entry; if the dead letter cannot be written, the entry waits for another try. */
    private Outcome fail(OutboxEntry entry, String reason) throws OutboxException {
        try {
            outbox.dead(entry.id(), reason);
        } catch (OutboxException e) {
            return retryLater(entry, DeliveryMessages.deadLetterNotStored(reason, e), clock.instant());
        }
        log.deadLettered(entry.message().messageId(), reason);
        listener.failed(entry.message().messageId(), reason);
        return Outcome.DEAD;
    }

    private static OutboxEntry narrowed(OutboxEntry entry, List<Refusal> pending) {
        OutboxMessage m = entry.message();
        OutboxMessage rest = m.withRecipients(addresses(pending));
        return new OutboxEntry(entry.id(), rest, entry.enqueuedAt(), entry.attempts(), entry.notBefore());
    }

    private static List<String> addresses(List<Refusal> refusals) {
        return refusals.stream().map(Refusal::address).toList();
    }
}
