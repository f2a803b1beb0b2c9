package io.mailroom.api;

import java.time.Instant;
import java.util.List;

/**
 * What is waiting in a connection factory's outbox, for applications and operators.
 *
 * @param queued committed messages waiting for delivery
 * @param deferred messages whose last attempt failed transiently, waiting to be retried
 * @param inDoubt messages of prepared transaction branches the transaction manager has not yet
 *                committed or rolled back
 * @param dead messages in the dead-letter store
 * @param recentDeadLetters the newest dead letters with their reasons, newest first (at most 100)
 */
public record OutboxStatus(long queued, long deferred, long inDoubt, long dead, List<DeadLetterInfo> recentDeadLetters) {

    /** Copies the list, so a status never changes after it is created. */
    public OutboxStatus {
        recentDeadLetters = List.copyOf(recentDeadLetters);
    }

    /**
     * One message the outbox gave up on.
     *
     * @param messageId its {@code Message-ID}
     * @param recipients the recipients it was meant for
     * @param reason the SMTP server's full reply, or why it expired
     * @param deadAt when it was given up
     */
    public record DeadLetterInfo(String messageId, List<String> recipients, String reason, Instant deadAt) {
    }
}
