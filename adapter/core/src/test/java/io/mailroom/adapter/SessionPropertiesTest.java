package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class SessionPropertiesTest {
    private static final int FIVE_MINUTES = 300_000;

    @Test
    void timeoutsAreMappedToAngusProperties() {
        Properties p = SessionProperties.of(settings(null, null, 1_000, 2_000, 3_000));
        assertEquals("1000", p.getProperty("mail.smtp.connectiontimeout"));
        assertEquals("2000", p.getProperty("mail.smtp.timeout"));
        assertEquals("3000", p.getProperty("mail.smtp.writetimeout"));
    }

    @Test
    void authIsOnWhenAUsernameIsSet() {
        Properties p = SessionProperties.of(settings("mailer", null, 1, 1, 1));
        assertEquals("true", p.getProperty("mail.smtp.auth"));
        assertEquals("mailer", p.getProperty("mail.smtp.user"));
    }

    @Test
    void authIsOffWithoutUsername() {
        Properties p = SessionProperties.of(settings(null, null, 1, 1, 1));
        assertEquals("false", p.getProperty("mail.smtp.auth"));
        assertFalse(p.containsKey("mail.smtp.user"));
    }

    @Test
    void theEhloNameBecomesTheLocalhostProperty() {
        Properties p = SessionProperties.of(settings(null, "app1.example.com", 1, 1, 1));
        assertEquals("app1.example.com", p.getProperty("mail.smtp.localhost"));
    }

    @Test
    void partialSendIsOnSoOneBadRecipientDoesNotStopTheOthers() {
        assertEquals("true", SessionProperties.of(settings(null, null, 1, 1, 1)).getProperty("mail.smtp.sendpartial"));
    }

    @Test
    void theDefaultTimeoutsAreBounded() throws Exception {
        Properties p = SessionProperties.of(new SmtpManagedConnectionFactory().settings());
        for (String key : new String[] {"mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout"}) {
            int millis = Integer.parseInt(p.getProperty(key));
            assertTrue(millis > 0 && millis <= FIVE_MINUTES, key + "=" + millis);
        }
    }

    private static SmtpSettings settings(String username, String ehloName, int connect, int read, int write) {
        return new SmtpSettings("smtp.example.com", 25, username, null, null, ehloName, connect, read, write, 100);
    }
}
