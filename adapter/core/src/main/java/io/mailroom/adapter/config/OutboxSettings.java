package io.mailroom.adapter.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A connection factory's outbox and delivery settings, checked once.
 *
 * @param directory where the journal lives
 * @param maxBytes the most bytes the journal may hold
 * @param deliveryWorkers how many workers deliver, each over its own SMTP connection
 * @param retryInitialDelay the wait after the first transient failure
 * @param retryMaxDelay the longest wait between attempts
 * @param maxAge how long after commit a message is still tried
 * @param maxAttempts the most attempts per message
 */
public record OutboxSettings(Path directory, long maxBytes, int deliveryWorkers, Duration retryInitialDelay,
                      Duration retryMaxDelay, Duration maxAge, int maxAttempts) {

    /**
     * The default outbox directory: under WildFly's data directory, or else under the working
     * directory, which Open Liberty sets to the server's output directory
     * ({@code wlp/usr/servers/<server>}).
     */
    public static Path defaultDirectory(SmtpSettings smtp) {
        String wildflyData = System.getProperty("jboss.server.data.dir");
        Path base = wildflyData != null ? Path.of(wildflyData) : Path.of(System.getProperty("user.dir"));
        return base.resolve("mailroom-outbox").resolve(smtp.host() + "-" + smtp.port());
    }
}
