package io.mailroom.adapter.delivery;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes idle workers when mail becomes deliverable, without losing a wake-up.
 *
 * <p>A commit wakes one idle worker ({@link #signalOne}), not all of them: with every worker
 * woken, all but one found nothing due and went back to waiting, each a thread wake-up and a look
 * at the outbox for nothing, per commit. A worker that was woken and found mail passes the
 * wake-up on if more is due and others idle (see {@code DeliveryWorker}), so a commit of many
 * messages still reaches every worker. A signaller takes the monitor only when a worker waits.
 */
final class DeliverySignal {
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();

    long generation() {
        return generation.get();
    }

    /** Wakes every idle worker: to stop, to resume, when deferred mail falls due. */
    void signalAll() {
        generation.incrementAndGet();
        if (waiting.get() > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Wakes one idle worker, if any waits: one message became deliverable. */
    void signalOne() {
        generation.incrementAndGet();
        if (waiting.get() > 0) {
            synchronized (this) {
                notify();
            }
        }
    }

    /** @return whether a worker waits for a signal now */
    boolean anyWaiting() {
        return waiting.get() > 0;
    }

    /**
     * Waits until a signal newer than {@code seen}, or the timeout. A signal raised before the
     * wait counts: the waiter registers before it looks at the generation, the signaller raises the
     * generation before it looks for waiters, so one of them sees the other.
     */
    synchronized void awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        waiting.incrementAndGet();
        try {
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            while (generation.get() == seen) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                wait(left);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }
}
