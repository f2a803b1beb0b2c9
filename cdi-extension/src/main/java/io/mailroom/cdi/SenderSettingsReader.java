package io.mailroom.cdi;

import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Reads a sender's settings from MicroProfile Config. The default sender uses
 * {@code mailroom.<key>}; a named sender uses {@code mailroom."<name>".<key>}, falling back to the
 * default's value for everything but its JNDI name, which it must name itself.
 */
final class SenderSettingsReader {
    static final String DEFAULT = "default";
    static final String DEFAULT_JNDI_NAME = "mail/mailroom";
    private static final int DEFAULT_BULK_CONNECTIONS = 4;

    private final Config config;

    SenderSettingsReader(Config config) {
        this.config = config;
    }

    /**
     * @param name the sender's name, {@link #DEFAULT} for the unnamed one
     * @param injectionPoint where it is injected, for messages
     * @throws DeploymentException naming the key at fault and the injection point
     */
    SenderSettings read(String name, String injectionPoint) {
        String jndiKey = key(name, "jndi-name");
        Optional<String> jndiName = config.getOptionalValue(jndiKey, String.class);
        if (jndiName.isEmpty() && !DEFAULT.equals(name)) {
            throw new DeploymentException(Messages.missingKey(jndiKey, injectionPoint));
        }
        Setting modeSetting = inherited(name, "no-transaction", "enqueue");
        NoTransactionMode mode = NoTransactionMode.parse(modeSetting.value());
        if (mode == null) {
            throw new DeploymentException(Messages.invalidValue(modeSetting.key(), modeSetting.value(),
                    NoTransactionMode.ALLOWED, injectionPoint));
        }
        Setting bulkSetting = inherited(name, "bulk.connections", Integer.toString(DEFAULT_BULK_CONNECTIONS));
        int bulk = parsePositive(bulkSetting.value());
        if (bulk < 1) {
            throw new DeploymentException(Messages.invalidValue(bulkSetting.key(), bulkSetting.value(),
                    "a whole number from 1", injectionPoint));
        }
        return new SenderSettings(name, jndiName.orElse(DEFAULT_JNDI_NAME), jndiKey, mode, bulk);
    }

    /** A configuration value and the key it came from, for messages. */
    private record Setting(String key, String value) {
    }

    /** The sender's own key, else the default sender's, else the built-in default. */
    private Setting inherited(String name, String property, String builtIn) {
        for (String owner : new String[] {name, DEFAULT}) {
            String key = key(owner, property);
            Optional<String> value = config.getOptionalValue(key, String.class);
            if (value.isPresent()) {
                return new Setting(key, value.get());
            }
        }
        return new Setting(key(name, property), builtIn);
    }

    /** @return {@code mailroom.<property>} or {@code mailroom."<name>".<property>} */
    static String key(String name, String property) {
        return DEFAULT.equals(name) ? "mailroom." + property : "mailroom.\"" + name + "\"." + property;
    }

    private static int parsePositive(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
