package io.mailroom.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs message indexes {@code 0..count-1} on a fixed number of threads, each with its own
 * {@link Worker} (its own transport, its own connection handle…), and gives up at a deadline.
 * The first failure stops every thread and is rethrown.
 */
public final class ConcurrentLoop {
    private static final long JOIN_GRACE_MILLIS = 10_000;

    private ConcurrentLoop() {
    }

    /** What one thread does with each index it takes. */
    @FunctionalInterface
    public interface Worker extends AutoCloseable {
        /** Sends (or enqueues, or commits) message {@code index}. */
        void send(int index) throws Exception;

        /** Releases what the thread held; by default nothing. */
        @Override
        default void close() throws IOException {
        }
    }

    /** Opens a thread's worker, on that thread. */
    @FunctionalInterface
    public interface WorkerFactory {
        /** @return a worker for the calling thread */
        Worker open() throws Exception;
    }

    /**
     * @param threads how many threads
     * @param count how many indexes in all
     * @param limit the most time the whole loop may take
     * @param factory one worker per thread
     * @throws TimeoutException if the indexes were not all done within the limit
     * @throws Exception the first failure of any worker
     */
    public static void run(int threads, int count, Duration limit, WorkerFactory factory) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long deadline = System.nanoTime() + limit.toNanos();
        Thread[] pool = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            pool[t] = new Thread(() -> {
                try (Worker worker = factory.open()) {
                    for (int i; failure.get() == null && (i = next.getAndIncrement()) < count; ) {
                        if (System.nanoTime() - deadline > 0) {
                            throw new TimeoutException(done.get() + " of " + count + " done within " + limit);
                        }
                        worker.send(i);
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-worker-" + t);
            pool[t].setDaemon(true);
            pool[t].start();
        }
        for (Thread thread : pool) {
            long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + JOIN_GRACE_MILLIS);
            thread.join(leftMillis);
            if (thread.isAlive()) {
                failure.compareAndSet(null, new TimeoutException(thread.getName() + " still busy after " + limit));
                thread.interrupt();
            }
        }
        Throwable first = failure.get();
        if (first instanceof Exception e) {
            throw e;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
