package io.mailroom.adapter.smtp;

import io.mailroom.adapter.SmtpManagedConnectionFactory;
import io.mailroom.adapter.config.Encryption;
import io.mailroom.adapter.config.OAuth2Settings;
import io.mailroom.adapter.config.ProxySettings;
import io.mailroom.adapter.config.Security;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.config.TlsSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

    @Test
    void startTlsRequiredMakesAngusRefuseAServerWithoutIt() {
        Properties p = SessionProperties.of(settings(null, null, 1, 1, 1), security(List.of()), Encryption.STARTTLS);
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("true", p.getProperty("mail.smtp.starttls.required"));
    }

    @Test
    void startTlsIfOfferedIsNotRequired() {
        Properties p = SessionProperties.of(settings(null, null, 1, 1, 1), security(List.of()), Encryption.STARTTLS_IF_OFFERED);
        assertEquals("true", p.getProperty("mail.smtp.starttls.enable"));
        assertEquals("false", p.getProperty("mail.smtp.starttls.required"));
    }

    @Test
    void plaintextAndImplicitTlsNeverSendStartTls() {
        for (Encryption e : new Encryption[] {Encryption.PLAINTEXT, Encryption.IMPLICIT_TLS}) {
            assertEquals("false", SessionProperties.of(settings(null, null, 1, 1, 1), security(List.of()), e)
                    .getProperty("mail.smtp.starttls.enable"));
        }
    }

    @Test
    void tlsIsVersion12OrLaterWithTheIdentityChecked() {
        Properties p = SessionProperties.of(settings(null, null, 1, 1, 1), security(List.of()), Encryption.STARTTLS);
        assertEquals("TLSv1.3 TLSv1.2", p.getProperty("mail.smtp.ssl.protocols"));
        assertEquals("true", p.getProperty("mail.smtp.ssl.checkserveridentity"));
    }

    @Test
    void theMechanismsAreOfferedInOrderAndXoauth2IsEnabledWhenListed() {
        Properties p = SessionProperties.of(settings("u", null, 1, 1, 1), security(List.of("XOAUTH2")), Encryption.STARTTLS);
        assertEquals("XOAUTH2", p.getProperty("mail.smtp.auth.mechanisms"));
        assertEquals("false", p.getProperty("mail.smtp.auth.xoauth2.disable"));
        assertEquals("PLAIN LOGIN", SessionProperties.of(settings("u", null, 1, 1, 1), security(List.of("PLAIN", "LOGIN")),
                Encryption.STARTTLS).getProperty("mail.smtp.auth.mechanisms"));
    }

    @Test
    void theAuthExchangeStaysOutOfTheDebugTrace() {
        assertEquals("false", SessionProperties.of(settings("u", null, 1, 1, 1), security(List.of()), Encryption.STARTTLS)
                .getProperty("mail.debug.auth"));
    }

    private static SecuritySettings security(List<String> mechanisms) {
        return new SecuritySettings(Security.STARTTLS_REQUIRED, List.of(587),
                new TlsSettings(true, null, "PKCS12", null, null, null, "PKCS12", null), false, false, mechanisms,
                OAuth2Settings.NONE, ProxySettings.NONE);
    }

    private static SmtpSettings settings(String username, String ehloName, int connect, int read, int write) {
        return new SmtpSettings("smtp.example.com", 25, username, null, null, ehloName, connect, read, write, 100, 300, true);
    }
}
