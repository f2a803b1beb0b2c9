package io.mailroom.adapter.delivery;

/**
 * Wakes idle workers when a commit makes mail deliverable, without losing a wake-up. A commit of
 * {@code n} messages wakes at most {@code n} idle workers ({@link #signal(int)}): waking all of
 * them for one message made every idle worker look at the outbox and go back to sleep, once per
 * commit. A worker that is not waiting when the signal comes sees the new generation and looks
 * anyway, so no message waits for the idle timeout.
 */
final class DeliverySignal {
    private long generation;

    synchronized long generation() {
        return generation;
    }

    /** Wakes every waiting worker: for a stop, a resume, or mail of unknown count. */
    synchronized void signalAll() {
        generation++;
        notifyAll();
    }

    /** Wakes at most {@code wakeUps} waiting workers; at least one is asked for. */
    synchronized void signal(int wakeUps) {
        generation++;
        for (int i = 0; i < Math.max(1, wakeUps); i++) {
            notify();
        }
    }

    /** Waits until a signal newer than {@code seen}, or the timeout. */
    synchronized void awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (generation == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
