package io.mailroom.adapter.outbox.jdbc;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;

/**
 * How a {@link JdbcOutbox} claims and keeps rows.
 *
 * @param lease how long a claim holds a row: another instance may take it over after that, so it
 *              must be longer than one delivery attempt can take (connect, EHLO, TLS, AUTH, DATA with
 *              their timeouts); a dead instance's rows wait that long. Default 5 minutes.
 * @param retention how long delivered rows stay (marked {@code delivered}, without their message
 *                  bytes) before they are purged. Default 7 days.
 * @param owner who claims, written to {@code claim_owner}: by default the JVM's
 *              {@code pid@host} and a random suffix, so each outbox instance is told apart
 * @param renew whether the leases of rows being delivered are extended every third of the lease
 *              while the outbox is open (default): a delivery longer than the lease is then not
 *              taken over by another instance; without it the lease is a fixed limit per attempt
 * @param claimRows the most due rows one claim takes (one statement, one commit), handed to the
 *                  delivery workers one by one; their message bytes are held in memory until then.
 *                  More rows mean fewer claims per message, and more rows a dead instance leaves
 *                  waiting for their leases to expire. Default {@value #DEFAULT_CLAIM_ROWS}
 * @param claimBytes the most message bytes one claim takes: after the first row (which is taken
 *                   whatever its size), rows are added while their bytes add up to at most this.
 *                   Default {@value #DEFAULT_CLAIM_BYTES} (4 MiB)
 */
public record JdbcOptions(Duration lease, Duration retention, String owner, boolean renew, int claimRows, long claimBytes) {
    /** Most delivered rows one purge deletes: bounded work per call. */
    static final int PURGE_BATCH = 1000;
    static final int DEFAULT_CLAIM_ROWS = 16;
    static final long DEFAULT_CLAIM_BYTES = 4L * 1024 * 1024;
    /** The most {@link #claimRows}: bounds the memory and the rows one instance holds back from the others. */
    static final int MAX_CLAIM_ROWS = 1000;

    public JdbcOptions {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException(JdbcMessages.invalidOption("lease", lease, "must be positive"));
        }
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException(JdbcMessages.invalidOption("retention", retention, "must not be negative"));
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException(JdbcMessages.invalidOption("owner", owner, "must not be empty"));
        }
        if (claimRows < 1 || claimRows > MAX_CLAIM_ROWS) {
            throw new IllegalArgumentException(JdbcMessages.invalidOption("claimRows", claimRows,
                    "must be 1 to " + MAX_CLAIM_ROWS));
        }
        if (claimBytes < 1) {
            throw new IllegalArgumentException(JdbcMessages.invalidOption("claimBytes", claimBytes, "must be positive"));
        }
    }

    /** @return a 5 minute lease, 7 days retention, a generated owner, renewal, claims of 16 rows and 4 MiB */
    public static JdbcOptions defaults() {
        return new JdbcOptions(Duration.ofMinutes(5), Duration.ofDays(7),
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8), true,
                DEFAULT_CLAIM_ROWS, DEFAULT_CLAIM_BYTES);
    }

    public JdbcOptions withLease(Duration value) {
        return new JdbcOptions(value, retention, owner, renew, claimRows, claimBytes);
    }

    public JdbcOptions withRetention(Duration value) {
        return new JdbcOptions(lease, value, owner, renew, claimRows, claimBytes);
    }

    public JdbcOptions withOwner(String value) {
        return new JdbcOptions(lease, retention, value, renew, claimRows, claimBytes);
    }

    public JdbcOptions withRenewal(boolean value) {
        return new JdbcOptions(lease, retention, owner, value, claimRows, claimBytes);
    }

    /** @param rows the most rows per claim, {@code bytes} the most message bytes per claim */
    public JdbcOptions withClaimBatch(int rows, long bytes) {
        return new JdbcOptions(lease, retention, owner, renew, rows, bytes);
    }
}
