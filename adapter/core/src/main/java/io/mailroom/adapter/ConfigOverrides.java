package io.mailroom.adapter;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Connection factory settings from the process's system properties and environment, the two
 * highest-ordinal sources of MicroProfile Config, named as MicroProfile Config names them:
 * property {@code connectTimeoutMillis} of the default factory is {@code mailroom.connect-timeout-millis}
 * or {@code MAILROOM_CONNECT_TIMEOUT_MILLIS}; of a factory whose {@code configName} is
 * {@code billing}, {@code mailroom."billing".connect-timeout-millis} or
 * {@code MAILROOM__BILLING__CONNECT_TIMEOUT_MILLIS}. A system property wins over an environment
 * variable, and both win over the value in the server's configuration.
 *
 * <p>Read here, in the adapter, because a resource adapter is shared by every application and has
 * no MicroProfile Config of its own on every server.
 */
final class ConfigOverrides {
    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    ConfigOverrides(Function<String, String> systemProperties, Function<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    static ConfigOverrides fromProcess() {
        Map<String, String> env = System.getenv();
        return new ConfigOverrides(System::getProperty, env::get);
    }

    /**
     * @param configName the factory's name, empty for the default factory
     * @param property the JavaBean property, for example {@code connectTimeoutMillis}
     * @return the override, if the process sets one
     */
    Optional<String> lookup(String configName, String property) {
        String key = key(configName, property);
        String value = systemProperties.apply(key);
        if (value == null) {
            value = environment.apply(environmentName(key));
        }
        return Optional.ofNullable(value);
    }

    /** @return {@code mailroom.connect-timeout-millis} or {@code mailroom."billing".connect-timeout-millis} */
    static String key(String configName, String property) {
        String kebab = property.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return configName == null || configName.isBlank() ? "mailroom." + kebab : "mailroom.\"" + configName + "\"." + kebab;
    }

    /** MicroProfile Config's mapping: every character that is not a letter or digit becomes '_', upper case. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
