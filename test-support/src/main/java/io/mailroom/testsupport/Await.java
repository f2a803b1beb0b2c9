package io.mailroom.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for what background threads (delivery workers, servers) do, polling, never longer than a bound. */
public final class Await {
    /** Long enough for delivery with short retry settings on a loaded machine; a test that waits this long fails. */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private Await() {
    }

    /**
     * Polls every 20 ms until the condition holds.
     *
     * @throws AssertionError if it does not hold within {@link #PATIENCE}
     */
    public static void until(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }
}
