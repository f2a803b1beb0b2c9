package io.mailroom.benchmarks.sink;

import java.util.function.LongSupplier;

/** Reads a counter until it has not moved for a while, or a bounded time has passed. */
final class CountSettler {
    private static final long QUIET_MILLIS = 150;
    private static final long LIMIT_MILLIS = 5_000;
    private static final long POLL_MILLIS = 25;

    private CountSettler() {
    }

    static long settle(LongSupplier counter) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LIMIT_MILLIS;
        long value = counter.getAsLong();
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline && System.currentTimeMillis() - quietSince < QUIET_MILLIS) {
            Thread.sleep(POLL_MILLIS);
            long now = counter.getAsLong();
            if (now != value) {
                value = now;
                quietSince = System.currentTimeMillis();
            }
        }
        return value;
    }
}
