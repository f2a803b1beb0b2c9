package io.mailroom.adapter.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Where committed mail waits for delivery. Implementations must be safe for concurrent use by
 * many transaction threads and several delivery workers.
 *
 * <p>Durability contract: when {@link #commitOnePhase} or {@link #prepare} returns, the messages
 * survive a crash of the JVM or the machine (they are forced to disk). Concurrent callers may
 * share one force (group commit). {@link #commitPrepared} is forced too: a transaction manager
 * that has already forgotten a committed transaction would presume abort for a branch found in
 * doubt after a crash. {@link #rollbackPrepared} and the delivery outcomes need not be forced: a
 * lost rollback is driven again by the transaction manager (or presumed), and a lost delivery
 * outcome only means one more delivery (at-least-once).
 *
 * <p>A torn or partial record (a crash in the middle of a write) is detected on open and never
 * delivered, in whole or in part.
 */
public interface Outbox extends AutoCloseable {

    /**
     * Stores the messages of a transaction that commits in one phase, ready for delivery.
     * Forced to disk before returning.
     *
     * @throws OutboxInDoubtException if the messages were written but could not be forced: they
     *                                may or may not be stored, and may be delivered after a restart
     * @throws OutboxException if the outbox is full or cannot write; nothing was stored
     */
    void commitOnePhase(List<OutboxMessage> messages) throws OutboxException;

    /**
     * Stores the messages of a prepared transaction branch, not yet deliverable. Forced to disk
     * before returning. Preparing the same branch again replaces nothing and fails.
     *
     * @param branch the branch id (the XID, encoded by the caller)
     * @throws OutboxInDoubtException if the branch was written but could not be forced
     * @throws OutboxException if the outbox is full or cannot write; nothing was stored
     */
    void prepare(String branch, List<OutboxMessage> messages) throws OutboxException;

    /**
     * Makes a prepared branch's messages deliverable.
     *
     * @return {@code false} if no such branch is prepared (already completed, or never prepared);
     *         nothing changed
     * @throws OutboxInDoubtException if the commit was written but could not be forced: commit again
     */
    boolean commitPrepared(String branch) throws OutboxException;

    /**
     * Forgets a prepared branch's messages.
     *
     * @return {@code false} if no such branch is prepared; nothing changed
     */
    boolean rollbackPrepared(String branch) throws OutboxException;

    /** @return the prepared branches not yet committed or rolled back: the in-doubt ones */
    Set<String> preparedBranches();

    /**
     * Takes the next entry that is due ({@code notBefore <= now}) and not taken by another
     * worker. Oldest first. The entry stays in the outbox until one of {@link #delivered},
     * {@link #deferred} or {@link #dead} is called for it; if the JVM dies first, it is delivered
     * again after restart.
     *
     * @return the entry, or empty if nothing is due
     */
    Optional<OutboxEntry> takeDue(Instant now) throws OutboxException;

    /** @return when the next committed entry not taken by a worker becomes due; empty if none waits */
    Optional<Instant> nextDue();

    /** The SMTP server accepted the message: it leaves the outbox. */
    void delivered(long id) throws OutboxException;

    /** A transient failure: try again at {@code notBefore}. The attempt count goes up by one. */
    void deferred(long id, Instant notBefore, String reason) throws OutboxException;

    /**
     * Some recipients are done with (the server accepted the message for them, or they were
     * dead-lettered): later attempts go to {@code pending} only, so nobody gets the message twice.
     * Forced to disk before returning. Ignored for an unknown id or an empty list.
     *
     * @param pending the recipients still to deliver to, a part of the entry's recipients
     */
    void narrow(long id, List<String> pending) throws OutboxException;

    /** A permanent failure or expiry: the message moves to the dead-letter store with the reason. */
    void dead(long id, String reason) throws OutboxException;

    /**
     * A permanent failure for some recipients only: a dead letter naming just {@code refused}
     * (with its own id) is stored, and the entry stays for its other recipients, taken by the
     * caller as before. If {@code refused} are all its recipients this is {@link #dead(long, String)}.
     *
     * @throws OutboxException if the dead letter cannot be written; the entry is unchanged
     */
    void dead(long id, List<String> refused, String reason) throws OutboxException;

    /** @return the dead letters, newest first, at most {@code limit} */
    List<DeadLetter> deadLetters(int limit);

    /*
     * Administration: what an operator's page needs. Rare calls; implementations may take locks
     * and scan, but must not hold up delivery or commits for long. The defaults throw
     * UnsupportedOperationException: an outbox operators can administer overrides all four (the
     * journal and the JDBC outbox do).
     */

    /**
     * Lists the live entries: due, deferred, taken by a worker right now, and those of prepared
     * (in-doubt) branches. Never their bytes.
     *
     * @param limit the most to return
     * @return at most {@code limit} entries, oldest (lowest id) first
     */
    default List<EntrySummary> entries(int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list its entries");
    }

    /**
     * Reads the header part of a live entry or a dead letter (outbox ids are unique across both):
     * the bytes before the first empty line, decoded as UTF-8. At most {@code maxBytes} are read;
     * a longer header part is cut there. The body is never read.
     *
     * @param id an entry's or dead letter's id
     * @param maxBytes the most bytes to read, at least 1
     * @return the header part, or empty if neither an entry nor a dead letter has that id
     * @throws OutboxException if the bytes cannot be read
     */
    default Optional<String> headers(long id, int maxBytes) throws OutboxException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read headers");
    }

    /**
     * Gives a dead letter another chance: its message becomes a new committed entry, under a new
     * id, due now with no attempts counted, to the dead letter's recipients; the dead letter is
     * removed. Durable (forced) before returning, and atomic across a crash: after a restart the
     * message is either still the dead letter or the new entry, never both and never neither.
     *
     * @param deadLetterId the dead letter's id
     * @return the new entry's id, or empty if there is no such dead letter (nothing changed)
     * @throws OutboxException if the outbox is full or cannot write; the dead letter is unchanged
     */
    default OptionalLong requeue(long deadLetterId) throws OutboxException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot requeue dead letters");
    }

    /**
     * Deletes a dead letter and its message for good. Durable before returning: it does not come
     * back after a crash, and neither does the entry it once was.
     *
     * @param deadLetterId the dead letter's id
     * @return {@code false} if there is no such dead letter (nothing changed)
     * @throws OutboxException if the deletion cannot be recorded; the dead letter is unchanged
     */
    default boolean deleteDeadLetter(long deadLetterId) throws OutboxException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot delete dead letters");
    }

    /** @return current counts */
    OutboxStats stats();

    /** Releases files; entries taken but not settled are due again on next open. */
    @Override
    void close();
}
