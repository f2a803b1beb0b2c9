package io.mailroom.benchmarks;

import java.time.Duration;

/**
 * The untimed round before the measured ones: {@code workload} once, then again until
 * {@code atLeast} has passed, for every scenario that runs in this JVM. A Java client reaches its
 * steady speed only after the JIT has compiled its hot paths, which takes seconds of sending, not
 * one short round; a mail client in a server sends for hours. A client in another process
 * (smtp-source) runs the workload once.
 *
 * @param workload what one warm-up run sends
 * @param atLeast how long a scenario in this JVM keeps repeating it ({@link Duration#ZERO}: once)
 */
public record WarmUp(Workload workload, Duration atLeast) {

    /** @return one run of {@code workload} */
    public static WarmUp once(Workload workload) {
        return new WarmUp(workload, Duration.ZERO);
    }
}
