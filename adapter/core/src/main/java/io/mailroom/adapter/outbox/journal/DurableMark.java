package io.mailroom.adapter.outbox.journal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the journal writer knows to be on disk: where the current segment's last good force
 * ended, whether a write or force has failed since, and, across recoveries from such failures,
 * which tickets were durable before each one. Recovery cuts the segment back to {@link #forcedSize}
 * and starts a new generation; a caller still waiting for a ticket of an earlier generation that
 * was not durable by then learns from {@link #lost} that its record was cut off.
 *
 * <p>Changed only under the journal lock; {@link #failed()} and {@link #generation()} may be read
 * without it.
 */
final class DurableMark {
    private IOException failure;
    private volatile boolean failed;
    private long forcedSize;
    private volatile long generation;
    /** For each generation that ended in a recovery, the highest ticket that was durable. */
    private final Map<Long, Long> durableAtRecovery = new ConcurrentHashMap<>();

    /** A write that could not be cut off, or a force, failed: what is after {@link #forcedSize} is in doubt. */
    void fail(IOException cause) {
        failure = cause;
        failed = true;
    }

    boolean failed() {
        return failed;
    }

    /** @return the failure since the last recovery, or {@code null} */
    IOException failure() {
        return failure;
    }

    /** The current segment is on disk up to {@code size}. */
    void forced(long size) {
        forcedSize = size;
    }

    /** A force that snapshotted {@code size} in {@code generation} succeeded; older generations are ignored. */
    void forced(long size, long ofGeneration) {
        if (ofGeneration == generation) {
            forcedSize = Math.max(forcedSize, size);
        }
    }

    long forcedSize() {
        return forcedSize;
    }

    long generation() {
        return generation;
    }

    /**
     * Recovery succeeded: a new generation starts.
     *
     * @param durableTicket the highest ticket that was on disk before the fault
     * @return the failure recovered from
     */
    IOException recovered(long durableTicket) {
        durableAtRecovery.put(generation, durableTicket);
        generation++;
        IOException cause = failure;
        failure = null;
        failed = false;
        return cause;
    }

    /** @return whether the record with this ticket, appended in that generation, was cut off by a recovery */
    boolean lost(long ofGeneration, long ticket) {
        Long durable = ofGeneration == generation ? null : durableAtRecovery.get(ofGeneration);
        return durable != null && ticket > durable;
    }
}
