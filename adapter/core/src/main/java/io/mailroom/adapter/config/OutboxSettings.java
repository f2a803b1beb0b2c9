package io.mailroom.adapter.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A connection factory's outbox and delivery settings, checked once.
 *
 * @param store where committed mail waits: the journal or a JDBC DataSource
 * @param dataSource with {@link Store#JDBC}: the JNDI name of the DataSource; {@code null} otherwise
 * @param lease with {@link Store#JDBC}: how long an instance holds a message it is delivering
 * @param directory where the journal lives
 * @param maxBytes the most bytes the journal may hold
 * @param deliveryWorkers how many workers deliver, each over its own SMTP connection
 * @param retryInitialDelay the wait after the first transient failure
 * @param retryMaxDelay the longest wait between attempts
 * @param maxAge how long after commit a message is still tried
 * @param maxAttempts the most attempts per message
 */
public record OutboxSettings(Store store, String dataSource, Duration lease, Path directory, long maxBytes,
                             int deliveryWorkers, Duration retryInitialDelay, Duration retryMaxDelay, Duration maxAge,
                             int maxAttempts) {

    /** The outbox backends: the setting {@code outbox}. */
    public enum Store {
        /** {@code journal}: files in {@code directory}, on this server instance's disk (the default) */
        JOURNAL,
        /** {@code jdbc}: tables in the DataSource {@code dataSource}, shared by server instances */
        JDBC
    }

    /** @return these settings with the directory as an absolute, normalised path */
    public OutboxSettings normalized() {
        return new OutboxSettings(store, dataSource, lease, directory.toAbsolutePath().normalize(), maxBytes,
                deliveryWorkers, retryInitialDelay, retryMaxDelay, maxAge, maxAttempts);
    }

    /**
     * The default outbox directory: under WildFly's data directory, or else under the working
     * directory, which Open Liberty sets to the server's output directory
     * ({@code wlp/usr/servers/<server>}). Named {@code <host>-<port>}, followed by
     * {@code -<digest>} when the factory has a {@code configName} or a {@code username}: two
     * factories for the same relay with different accounts get different outboxes (each outbox
     * delivers with the settings of the factory that opened it). The digest, the first 12 hex
     * digits of the SHA-256 of the name and the user, keeps the account out of the path.
     *
     * @param configName the factory's {@code configName}, or {@code null}
     */
    public static Path defaultDirectory(SmtpSettings smtp, String configName) {
        String wildflyData = System.getProperty("jboss.server.data.dir");
        Path base = wildflyData != null ? Path.of(wildflyData) : Path.of(System.getProperty("user.dir"));
        String name = smtp.host() + "-" + smtp.port();
        if (configName != null || smtp.username() != null) {
            name += "-" + digest((configName == null ? "" : configName) + "\0" + (smtp.username() == null ? "" : smtp.username()));
        }
        return base.resolve("mailroom-outbox").resolve(name);
    }

    private static String digest(String identity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
