package io.mailroom.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Operator access to one connection factory's outbox: what waits and why, the dead letters, a
 * message's headers; requeue or delete a dead letter; pause and resume delivery. What the
 * {@code mailroom-admin} web module calls; obtained with {@link MailConnectionFactory#outboxAdmin()}.
 *
 * <p>This interface checks no permission: whoever can look up the connection factory can use
 * it. Expose it to people only behind an authorization check (the admin module requires the
 * {@code mailroom-admin} role).
 *
 * <p>Thread-safe. Every method answers from the outbox as it is now; operations that change it
 * are durable when they return. The journal and the JDBC outbox support every method; an outbox
 * backend that does not throws {@link UnsupportedOperationException} from all but {@link #pause()},
 * {@link #resume()}, {@link #paused()} and {@link #deadLetters(int)}.
 *
 * @see MailConnectionFactory#outboxAdmin()
 */
public interface OutboxAdmin {

    /** The most bytes of a message {@link #headers(long)} reads. */
    int MAX_HEADER_BYTES = 64 * 1024;

    /**
     * Lists the messages waiting: queued for their first attempt, deferred after a transient
     * failure, and in doubt (in a prepared transaction branch the transaction manager has not yet
     * completed).
     *
     * @param limit the most to return
     * @return at most {@code limit} messages, oldest first
     * @throws MailException if the outbox cannot be opened
     */
    List<Entry> entries(int limit);

    /**
     * @param limit the most to return
     * @return at most {@code limit} dead letters, newest first
     * @throws MailException if the outbox cannot be opened
     */
    List<DeadLetter> deadLetters(int limit);

    /**
     * Reads the header part of a waiting message or a dead letter: the lines before the first
     * empty line, at most {@link #MAX_HEADER_BYTES} bytes; the body is not read.
     *
     * @param id an {@link Entry#id()} or {@link DeadLetter#id()}
     * @return the headers as stored, CRLF line ends; empty if no message has that id
     * @throws MailException if the outbox cannot read them
     */
    Optional<String> headers(long id);

    /**
     * Gives a dead letter another chance: it becomes a new queued message to the same recipients,
     * due at once with no attempts counted (the retry schedule starts over), and the dead letter
     * is removed. Atomic across a crash.
     *
     * @param deadLetterId a {@link DeadLetter#id()}
     * @return the queued message's new id, or empty if there is no such dead letter
     * @throws MailException if the outbox is full or cannot be written; the dead letter is unchanged
     */
    OptionalLong requeue(long deadLetterId);

    /**
     * Deletes a dead letter for good.
     *
     * @param deadLetterId a {@link DeadLetter#id()}
     * @return {@code false} if there is no such dead letter
     * @throws MailException if the deletion cannot be written; the dead letter is unchanged
     */
    boolean delete(long deadLetterId);

    /**
     * Pauses delivery from this outbox: each delivery worker finishes the message in hand, then
     * takes no more. Commits still queue mail. Not remembered across a restart of the server or
     * the resource adapter: delivery then runs again.
     */
    void pause();

    /** Resumes delivery after {@link #pause()}; due mail goes at once. */
    void resume();

    /** @return whether delivery is paused */
    boolean paused();

    /** What waits: queued for the first attempt, deferred for a retry, or in doubt. */
    enum State {
        /** Committed, not yet attempted (or due again now). */
        QUEUED,
        /** An attempt failed transiently; see {@link Entry#lastReason()} and {@link Entry#nextAttempt()}. */
        DEFERRED,
        /** In a prepared transaction branch: delivered only if the transaction manager commits it. */
        IN_DOUBT
    }

    /**
     * One waiting message.
     *
     * @param id the outbox's id for it
     * @param messageId its {@code Message-ID}
     * @param mailFrom the envelope sender, {@code null} for the null reverse-path
     * @param recipients the recipients still to deliver to
     * @param state queued, deferred or in doubt
     * @param enqueuedAt when its transaction committed (or prepared)
     * @param attempts delivery attempts so far
     * @param nextAttempt the earliest time of the next attempt
     * @param lastReason the server's reply to the last failed attempt, or {@code null}
     * @param transactionBranch the prepared branch when in doubt, as the adapter encodes the XID; else {@code null}
     */
    record Entry(long id, String messageId, String mailFrom, List<String> recipients, State state, Instant enqueuedAt,
                 int attempts, Instant nextAttempt, String lastReason, String transactionBranch) {

        /** Copies the list. */
        public Entry {
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * One message the outbox gave up on.
     *
     * @param id the id to requeue, delete or read it by
     * @param messageId its {@code Message-ID}
     * @param mailFrom the envelope sender
     * @param recipients the recipients it was meant for
     * @param reason the SMTP server's full reply, or why it expired
     * @param deadAt when it was given up
     */
    record DeadLetter(long id, String messageId, String mailFrom, List<String> recipients, String reason, Instant deadAt) {

        /** Copies the list. */
        public DeadLetter {
            recipients = List.copyOf(recipients);
        }
    }
}
