package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The connection factory's settings: checked when the factory is created, password never shown. */
class SettingsTest {
    private static final String PASSWORD = "s3cret-Pa55";

    @Test
    void settingsToStringHidesThePassword() throws Exception {
        String text = withCredentials().settings().toString();
        assertFalse(text.contains(PASSWORD), text);
        assertTrue(text.contains("mailer"), text);
    }

    @Test
    void factoryToStringHidesThePassword() {
        String text = withCredentials().toString();
        assertFalse(text.contains(PASSWORD), text);
        assertTrue(text.contains("mailer"), text);
    }

    @Test
    void portZeroIsRefusedNamingPort() {
        assertRefused("port=0", f -> f.setPort(0));
    }

    @Test
    void aBlankHostIsRefusedNamingHost() {
        assertRefused("host=", f -> f.setHost("  "));
    }

    @Test
    void aNegativeTimeoutIsRefusedNamingIt() {
        assertRefused("readTimeoutMillis=-1", f -> f.setReadTimeoutMillis(-1));
    }

    private static SmtpManagedConnectionFactory withCredentials() {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setUsername("mailer");
        factory.setPassword(PASSWORD);
        return factory;
    }

    private static void assertRefused(String propertyAndValue, Consumer<SmtpManagedConnectionFactory> setting) {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        setting.accept(factory);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> factory.createConnectionFactory(new StandaloneConnectionManager(1)));
        assertTrue(e.getMessage().contains(propertyAndValue), e.getMessage());
    }
}
