package io.mailroom.adapter;

import io.mailroom.adapter.config.Security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Adapter settings from system properties and the environment, named as MicroProfile Config names them. */
class ConfigOverridesTest {

    @AfterEach
    void clearSystemProperties() {
        System.clearProperty("mailroom.\"override-test\".host");
        System.clearProperty("mailroom.\"override-test\".port");
        System.clearProperty("mailroom.\"override-test\".security");
        System.clearProperty("mailroom.\"override-test\".allow-plaintext-auth");
    }

    @Test
    void theDefaultFactoryUsesMailroomDotKebabCase() {
        assertEquals("mailroom.connect-timeout-millis", ConfigOverrides.key("", "connectTimeoutMillis"));
        assertEquals("MAILROOM_CONNECT_TIMEOUT_MILLIS", ConfigOverrides.environmentName("mailroom.connect-timeout-millis"));
    }

    @Test
    void aNamedFactoryUsesTheQuotedName() {
        assertEquals("mailroom.\"billing\".host", ConfigOverrides.key("billing", "host"));
        assertEquals("MAILROOM__BILLING__HOST", ConfigOverrides.environmentName("mailroom.\"billing\".host"));
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        ConfigOverrides overrides = new ConfigOverrides(Map.of("mailroom.host", "from-property")::get,
                Map.of("MAILROOM_HOST", "from-environment", "MAILROOM_PORT", "2525")::get);
        assertEquals(Optional.of("from-property"), overrides.lookup("", "host"));
        assertEquals(Optional.of("2525"), overrides.lookup("", "port"));
        assertEquals(Optional.empty(), overrides.lookup("", "username"));
    }

    @Test
    void theFactoryTakesOverridesOverItsConfiguredValues() throws Exception {
        System.setProperty("mailroom.\"override-test\".host", "smtp.override.test");
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setConfigName("override-test");
        factory.setHost("configured.test");

        assertEquals("smtp.override.test", factory.settings().host());
    }

    @Test
    void aNonNumericOverrideIsRefusedNamingTheKey() {
        System.setProperty("mailroom.\"override-test\".port", "twenty-five");
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setConfigName("override-test");

        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, factory::settings);
        assertTrue(e.getMessage().contains("mailroom.\"override-test\".port"), e.getMessage());
    }

    @Test
    void securitySettingsComeFromTheEnvironmentToo() throws Exception {
        System.setProperty("mailroom.\"override-test\".security", "SSL_IMPLICIT");
        System.setProperty("mailroom.\"override-test\".allow-plaintext-auth", "true");
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setConfigName("override-test");

        assertEquals(Security.SSL_IMPLICIT, factory.securitySettings().mode());
        assertEquals(465, factory.settings().port());
        assertTrue(factory.securitySettings().allowPlaintextAuth());
    }

    @Test
    void aBooleanOverrideThatIsNeitherTrueNorFalseIsRefused() {
        System.setProperty("mailroom.\"override-test\".allow-plaintext-auth", "yes");
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setConfigName("override-test");

        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, factory::settings);
        assertTrue(e.getMessage().contains("mailroom.\"override-test\".allow-plaintext-auth=yes is invalid: must be true or false"),
                e.getMessage());
    }
}
