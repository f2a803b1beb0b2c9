package io.mailroom.adapter.delivery;

/** Wakes idle workers when a commit makes mail deliverable, without losing a wake-up. */
final class DeliverySignal {
    private long generation;

    synchronized long generation() {
        return generation;
    }

    synchronized void signalAll() {
        generation++;
        notifyAll();
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
