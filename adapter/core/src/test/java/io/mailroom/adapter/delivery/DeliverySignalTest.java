package io.mailroom.adapter.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A commit wakes one idle worker, not all of them; a stop wakes every one; no signal is lost. */
class DeliverySignalTest {
    private static final long LONG_WAIT_MILLIS = 20_000;

    private final DeliverySignal signal = new DeliverySignal();
    private final AtomicInteger awake = new AtomicInteger();
    private final List<Thread> waiters = new ArrayList<>();

    @AfterEach
    void release() throws InterruptedException {
        signal.signalAll();
        for (Thread t : waiters) {
            t.join(5_000);
        }
    }

    @Test
    void aCommitWakesOneOfThreeIdleWorkersAndTheNextCommitTheNext() throws Exception {
        startWaiters(3);
        signal.signalOne();
        assertEquals(1, awakeAfterSettling(1));
        signal.signalOne();
        assertEquals(2, awakeAfterSettling(2));
    }

    @Test
    void signalAllWakesEveryIdleWorker() throws Exception {
        startWaiters(3);
        signal.signalAll();
        assertEquals(3, awakeAfterSettling(3));
    }

    @Test
    void aSignalBeforeTheWaitIsNotLost() throws Exception {
        long seen = signal.generation();
        signal.signalOne();
        long start = System.nanoTime();
        signal.awaitAfter(seen, LONG_WAIT_MILLIS);
        assertEquals(true, System.nanoTime() - start < LONG_WAIT_MILLIS / 2 * 1_000_000L);
    }

    /** Starts waiters that all saw the same generation and are all waiting when this returns. */
    private void startWaiters(int count) throws InterruptedException {
        long seen = signal.generation();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                try {
                    signal.awaitAfter(seen, LONG_WAIT_MILLIS);
                    awake.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
            waiters.add(t);
        }
        for (Thread t : waiters) {
            while (t.getState() != Thread.State.TIMED_WAITING) {
                Thread.sleep(1);
            }
        }
    }

    /** @return how many woke, once {@code expected} have and a moment passed for any more */
    private int awakeAfterSettling(int expected) throws InterruptedException {
        for (long end = System.nanoTime() + 5_000_000_000L; awake.get() < expected && System.nanoTime() < end; ) {
            Thread.sleep(1);
        }
        Thread.sleep(300);
        return awake.get();
    }
}
