package io.mailroom.adapter.outbox;

import java.time.Instant;

/**
 * A committed message waiting for delivery.
 *
 * @param id the outbox's own id, unique for the life of the outbox directory
 * @param message the message
 * @param enqueuedAt when its transaction committed
 * @param attempts delivery attempts made so far
 * @param notBefore the earliest time of the next attempt
 */
public record OutboxEntry(long id, OutboxMessage message, Instant enqueuedAt, int attempts, Instant notBefore) {
}
