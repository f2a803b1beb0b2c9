package io.mailroom.adapter.health;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.SendReceipt;

import java.time.Clock;
import java.time.Instant;

/**
 * Remembers when a delivery attempt last finished, whatever its outcome: a message sent, deferred
 * after a failure, or given up. A relay outage keeps this moving (every failed attempt is
 * progress); only workers that stopped working leave it behind.
 */
public final class DeliveryProgress implements DeliveryListener {
    private final Clock clock;
    private volatile Instant last;

    public DeliveryProgress(Clock clock) {
        this.clock = clock;
    }

    /** @return when an attempt last finished, or {@code null} if none has */
    public Instant last() {
        return last;
    }

    @Override
    public void sent(String messageId, SendReceipt receipt) {
        last = clock.instant();
    }

    @Override
    public void deferred(String messageId, String reason, Instant nextAttempt) {
        last = clock.instant();
    }

    @Override
    public void failed(String messageId, String reason) {
        last = clock.instant();
    }
}
