package io.mailroom.adapter.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a transiently failed message again, and when to give up on it.
 *
 * @param initialDelay the wait after the first failed attempt
 * @param maxDelay the longest wait between attempts
 * @param maxAge how long after its commit a message is still tried; older ones go to dead letters
 * @param maxAttempts the most attempts for one message
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration maxAge, int maxAttempts) {
    private static final double JITTER = 0.2;

    /**
     * @param attempts attempts made so far, at least 1
     * @return the wait before the next attempt: {@code initialDelay * 2^(attempts-1)}, capped at
     *         {@code maxDelay}, spread by ±20 % so that many deferred messages do not retry in step
     */
    public Duration delayAfter(int attempts) {
        double base = initialDelay.toMillis() * Math.pow(2, Math.max(0, attempts - 1));
        double capped = Math.min(base, maxDelay.toMillis());
        double jittered = capped * (1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1));
        return Duration.ofMillis(Math.max(1, Math.round(jittered)));
    }

    /**
     * @param enqueuedAt when the message was committed
     * @param attempts attempts made so far, including the one that just failed
     * @param now the time now
     * @return {@code true} if the message should not be tried again
     */
    public boolean givesUp(Instant enqueuedAt, int attempts, Instant now) {
        return attempts >= maxAttempts || !now.isBefore(enqueuedAt.plus(maxAge));
    }
}
