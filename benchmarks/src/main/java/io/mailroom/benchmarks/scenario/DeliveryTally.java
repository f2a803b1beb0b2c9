package io.mailroom.benchmarks.scenario;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.SendReceipt;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Counts what the delivery workers report, and lets the benchmark wait for the last {@code 250}.
 * Waiting on the listener rather than polling the outbox's status keeps the benchmark off the
 * outbox index lock while it drains.
 */
final class DeliveryTally implements DeliveryListener {
    private static final long RECHECK_MILLIS = 100;

    private long sent;
    private long awaited = Long.MAX_VALUE;
    private String firstProblem;

    @Override
    public synchronized void sent(String messageId, SendReceipt receipt) {
        if (++sent >= awaited) {
            notifyAll();
        }
    }

    @Override
    public void deferred(String messageId, String reason, Instant nextAttempt) {
        problem("deferred " + messageId + ": " + reason);
    }

    @Override
    public void failed(String messageId, String reason) {
        problem("failed " + messageId + ": " + reason);
    }

    private synchronized void problem(String what) {
        if (firstProblem == null) {
            firstProblem = what;
        }
        notifyAll();
    }

    /**
     * Waits until {@code count} messages were sent since this tally was registered.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @throws TimeoutException at the deadline
     * @throws IllegalStateException as soon as a message was deferred or failed
     */
    synchronized void awaitSent(long count, long deadlineNanos) throws InterruptedException, TimeoutException {
        awaited = count;
        while (sent < count) {
            if (firstProblem != null) {
                throw new IllegalStateException("delivery did not go cleanly: " + firstProblem);
            }
            long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new TimeoutException(sent + " of " + count + " delivered before the deadline");
            }
            wait(Math.min(leftMillis, RECHECK_MILLIS));
        }
    }
}
