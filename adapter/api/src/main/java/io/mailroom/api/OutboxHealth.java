package io.mailroom.api;

import java.time.Duration;
import java.time.Instant;

/**
 * What a health check needs to know about one connection factory's outbox and delivery, read
 * with {@link MailConnectionFactory#outboxHealth()}.
 *
 * @param deliveryMethod the factory's {@code deliveryMethod}: {@code smtp}, {@code pickup-directory} or {@code capture}
 * @param bytesUsed bytes the outbox journal occupies
 * @param maxBytes the most it may hold ({@code outboxMaxMegabytes}); commits fail beyond it
 * @param writable whether the outbox directory can be written to
 * @param journalProblem why the journal cannot be read, or {@code null} when it is healthy
 * @param queued messages waiting for delivery (first attempt or retry due)
 * @param deferred messages waiting for a retry
 * @param dead dead letters
 * @param oldestDueSince since when the longest-waiting due message has been due, or {@code null} if none is due
 * @param lastProgress when a delivery attempt last finished (sent, deferred or given up), or {@code null} if none has yet
 */
public record OutboxHealth(String deliveryMethod, long bytesUsed, long maxBytes, boolean writable,
                           String journalProblem, long queued, long deferred, long dead,
                           Instant oldestDueSince, Instant lastProgress) {

    /** @return whether the journal answered and is not reported broken */
    public boolean journalHealthy() {
        return journalProblem == null;
    }

    /**
     * @param highWaterPercent the fill level (1-100) from which the outbox counts as full
     * @return whether the journal holds at least that share of {@code maxBytes}
     */
    public boolean aboveHighWater(int highWaterPercent) {
        return maxBytes > 0 && bytesUsed * 100 >= maxBytes * (long) highWaterPercent;
    }

    /**
     * Delivery is stuck when a message has been due for longer than {@code threshold} and no
     * attempt has finished within it either. A relay outage is not "stuck": every attempt that
     * fails and is deferred counts as progress.
     *
     * @param now the current time
     * @param threshold how long mail may wait without any attempt finishing
     * @return whether delivery made no progress on due mail for longer than the threshold
     */
    public boolean deliveryStuck(Instant now, Duration threshold) {
        if (oldestDueSince == null || Duration.between(oldestDueSince, now).compareTo(threshold) <= 0) {
            return false;
        }
        return lastProgress == null || Duration.between(lastProgress, now).compareTo(threshold) > 0;
    }
}
