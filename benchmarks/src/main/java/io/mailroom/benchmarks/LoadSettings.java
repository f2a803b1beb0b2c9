package io.mailroom.benchmarks;

import java.time.Duration;

/**
 * What every scenario shares: where the sink listens, how many SMTP connections (and sending
 * threads) to use, the most time one run may take, and where to write files.
 *
 * @param port the sink's port on 127.0.0.1
 * @param connections concurrent SMTP connections, the same in every scenario
 * @param runLimit the most time one measured run may take before it fails
 * @param workDir where outboxes and generated files go
 */
public record LoadSettings(int port, int connections, Duration runLimit, WorkDir workDir) {
    /** Every connection goes to loopback. */
    public static final String HOST = "127.0.0.1";
}
