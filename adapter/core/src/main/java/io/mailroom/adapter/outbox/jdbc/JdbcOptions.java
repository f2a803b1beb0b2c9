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
 */
public record JdbcOptions(Duration lease, Duration retention, String owner, boolean renew) {
    /** Most delivered rows one purge deletes: bounded work per call. */
    static final int PURGE_BATCH = 1000;

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
    }

    /** @return a 5 minute lease, 7 days retention, a generated owner */
    public static JdbcOptions defaults() {
        return new JdbcOptions(Duration.ofMinutes(5), Duration.ofDays(7),
                ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8), true);
    }

    public JdbcOptions withLease(Duration value) {
        return new JdbcOptions(value, retention, owner, renew);
    }

    public JdbcOptions withRetention(Duration value) {
        return new JdbcOptions(lease, value, owner, renew);
    }

    public JdbcOptions withOwner(String value) {
        return new JdbcOptions(lease, retention, value, renew);
    }

    public JdbcOptions withRenewal(boolean value) {
        return new JdbcOptions(lease, retention, owner, value);
    }
}
