package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.OutboxMessage;

import java.time.Instant;

/** A message as a journal record carries it: the outbox id and delivery state with the message. */
public record StoredMessage(long id, Instant enqueuedAt, int attempts, Instant notBefore, OutboxMessage message) {

    /** @return a message committed or prepared at {@code now}, before any attempt */
    static StoredMessage fresh(long id, Instant now, OutboxMessage message) {
        return new StoredMessage(id, now, 0, now, message);
    }
}
