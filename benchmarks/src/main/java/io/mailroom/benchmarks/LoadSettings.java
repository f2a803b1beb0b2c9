package io.mailroom.benchmarks;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every scenario shares: where the sink listens, how many SMTP connections (and sending
 * threads) to use, the most time one run may take, and where to write files.
 *
 * @param port the sink's port on 127.0.0.1
 * @param connections concurrent SMTP connections, the same in every scenario
 * @param runLimit the most time one measured run may take before it fails
 * @param workDir where outboxes and generated files go
 * @param trustStore {@code null} for plain SMTP; else the sink speaks implicit TLS (as on port 465)
 *                   with a certificate that this PKCS12 trust store (password {@link #TRUST_STORE_PASSWORD}) trusts
 */
public record LoadSettings(int port, int connections, Duration runLimit, WorkDir workDir, Path trustStore) {
    /** The password of {@link #trustStore()}. */
    public static final String TRUST_STORE_PASSWORD = "changeit";
    /** Every connection goes to loopback. */
    public static final String HOST = "127.0.0.1";

    /** Plain SMTP. */
    public LoadSettings(int port, int connections, Duration runLimit, WorkDir workDir) {
        this(port, connections, runLimit, workDir, null);
    }

    /** @return {@code true} if the sink speaks implicit TLS */
    public boolean tls() {
        return trustStore != null;
    }
}
