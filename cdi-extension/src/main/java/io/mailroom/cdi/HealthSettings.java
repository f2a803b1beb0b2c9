package io.mailroom.cdi;

import jakarta.enterprise.inject.spi.DeploymentException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * One sender's health check settings, from MicroProfile Config with the sender's own key first,
 * then the default sender's ({@code mailroom.health.*}), then the built-in default.
 *
 * @param highWaterPercent {@code health.outbox-high-water}: the outbox is not ready from this fill level (1-100, default 90)
 * @param smtpRequired {@code health.smtp-required}: whether an unreachable SMTP server makes the application not ready (default false)
 * @param stuckAfter {@code health.stuck-after-seconds}: how long due mail may wait with no delivery attempt finishing before liveness fails (default 900)
 */
record HealthSettings(int highWaterPercent, boolean smtpRequired, Duration stuckAfter) {

    /** @throws DeploymentException naming the key at fault */
    static HealthSettings read(Config config, String sender) {
        String[] highWater = value(config, sender, "health.outbox-high-water", "90");
        String[] required = value(config, sender, "health.smtp-required", "false");
        String[] stuck = value(config, sender, "health.stuck-after-seconds", "900");
        int percent = whole(highWater[1]);
        if (percent < 1 || percent > 100) {
            throw new DeploymentException(Messages.invalidValue(highWater[0], highWater[1], "a whole number from 1 to 100",
                    "the health checks of sender " + sender));
        }
        String flag = required[1].strip();
        if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
            throw new DeploymentException(Messages.invalidValue(required[0], required[1], "true or false",
                    "the health checks of sender " + sender));
        }
        int seconds = whole(stuck[1]);
        if (seconds < 1) {
            throw new DeploymentException(Messages.invalidValue(stuck[0], stuck[1], "a whole number from 1",
                    "the health checks of sender " + sender));
        }
        return new HealthSettings(percent, Boolean.parseBoolean(flag), Duration.ofSeconds(seconds));
    }

    /** @return the key the value came from and the value */
    private static String[] value(Config config, String sender, String property, String builtIn) {
        for (String owner : new String[] {sender, SenderSettingsReader.DEFAULT}) {
            String key = SenderSettingsReader.key(owner, property);
            Optional<String> value = config.getOptionalValue(key, String.class);
            if (value.isPresent()) {
                return new String[] {key, value.get()};
            }
        }
        return new String[] {SenderSettingsReader.key(sender, property), builtIn};
    }

    private static int whole(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
