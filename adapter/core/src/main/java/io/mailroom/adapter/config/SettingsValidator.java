package io.mailroom.adapter.config;

import jakarta.resource.spi.InvalidPropertyException;

/** Checks a connection factory's settings and names the property at fault. */
public final class SettingsValidator {
    private SettingsValidator() {
    }

    public static SmtpSettings validate(SmtpSettings s) throws InvalidPropertyException {
        if (s.host() == null || s.host().isBlank()) {
            throw invalid("host", s.host(), "must name the SMTP server");
        }
        requireRange("port", s.port(), 1, 65_535);
        requireRange("connectTimeoutMillis", s.connectTimeoutMillis(), 1, Integer.MAX_VALUE);
        requireRange("readTimeoutMillis", s.readTimeoutMillis(), 1, Integer.MAX_VALUE);
        requireRange("writeTimeoutMillis", s.writeTimeoutMillis(), 1, Integer.MAX_VALUE);
        requireRange("maxMessagesPerConnection", s.maxMessagesPerConnection(), 1, Integer.MAX_VALUE);
        requireRange("maxConnectionAgeSeconds", s.maxConnectionAgeSeconds(), 1, Integer.MAX_VALUE);
        if (s.password() != null && !s.authenticates()) {
            throw invalid("username", null, "a password is set, so username must be set too");
        }
        return s;
    }

    public static void requirePositive(String property, Integer value) throws InvalidPropertyException {
        requireRange(property, value, 1, Integer.MAX_VALUE);
    }

    private static void requireRange(String property, Integer value, int min, int max) throws InvalidPropertyException {
        if (value == null || value < min || value > max) {
            throw invalid(property, value, "must be between " + min + " and " + max);
        }
    }

    private static InvalidPropertyException invalid(String property, Object value, String rule) {
        return new InvalidPropertyException(ConfigMessages.invalidSetting(property, value, rule));
    }
}
