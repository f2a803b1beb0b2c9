package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailroom.api.PermanentDeliveryException;
import io.mailroom.testsupport.TestCertificates;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SMTPS and SASL against GreenMail, a real SMTP server in the JVM: implicit TLS with the test
 * authority's certificate for localhost and 127.0.0.1 (GreenMail reads its key store from the
 * {@code greenmail.tls.*} system properties once per JVM, before its first TLS server starts),
 * PLAIN, LOGIN and XOAUTH2 (GreenMail takes the user's password as the only valid token).
 * GreenMail has no STARTTLS; the scripted server covers that.
 */
class GreenMailTlsAuthTest {
    private static final String USER = "mailer";
    private static final String PASSWORD = "gr33n-pa55";
    private static final String TOKEN_USER = "oauth@mailroom.test";
    private static final String TOKEN = "ya29.static-access-token";

    static {
        TestCertificates.Identity identity = TestCertificates.get().localhost();
        System.setProperty("greenmail.tls.keystore.file", identity.keyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestCertificates.PASSWORD);
    }

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD).withUser(TOKEN_USER, TOKEN));

    @Test
    void plainOverImplicitTlsDelivers() throws Exception {
        send(withPassword("PLAIN", PASSWORD), "Plain");

        assertEquals("Plain", onlyMessage().getSubject());
    }

    @Test
    void loginOverImplicitTlsDelivers() throws Exception {
        send(withPassword("LOGIN", PASSWORD), "Login");

        assertEquals("Login", onlyMessage().getSubject());
    }

    @Test
    void xoauth2WithAStaticTokenDelivers() throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.secure(greenMail.getSmtps().getPort(), "SSL_IMPLICIT");
        settings.setUsername(TOKEN_USER);
        settings.setOauth2AccessToken(TOKEN);
        send(settings, "Bearer");

        assertEquals("Bearer", onlyMessage().getSubject());
    }

    @Test
    void aWrongPasswordNamesUserAddressAndMechanism() throws Exception {
        PermanentDeliveryException e = assertThrows(PermanentDeliveryException.class,
                () -> send(withPassword("PLAIN", "not-the-password"), "Refused"));

        assertTrue(e.getMessage().startsWith("MAILROOM-2005 authentication failed for user mailer on 127.0.0.1:"
                + greenMail.getSmtps().getPort() + " with mechanism PLAIN: 535"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    private static SmtpManagedConnectionFactory withPassword(String mechanism, String password) {
        SmtpManagedConnectionFactory settings = TestMailroom.withLogin(
                TestMailroom.secure(greenMail.getSmtps().getPort(), "SSL_IMPLICIT"), USER, password);
        settings.setAuthMechanisms(mechanism);
        return settings;
    }

    private static void send(SmtpManagedConnectionFactory settings, String subject) throws Exception {
        TestMailroom.sendOne(settings, subject);
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        return received[0];
    }
}
