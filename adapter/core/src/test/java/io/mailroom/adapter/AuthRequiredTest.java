package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import io.mailroom.testsupport.ScriptedSmtpServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Configured credentials mean the relay is expected to authenticate: a server that offers no AUTH
 * (a relay that does not authenticate, or what a connection stripped by an attacker looks like)
 * is refused before MAIL FROM, and the recording server shows that nothing was sent. Before the
 * fix the message went out in plaintext, unauthenticated.
 */
class AuthRequiredTest extends ScriptedTlsServerTest {

    @Test
    void aServerOfferingNeitherStartTlsNorAuthGetsNothingInTheDefaultMode() throws Exception {
        smtp = ScriptedSmtpServer.start();
        SmtpManagedConnectionFactory settings = TestMailroom.withLogin(TestMailroom.settings(smtp.port()), USER, PASSWORD);
        MailConnectionException e = assertThrows(MailConnectionException.class, () -> TestMailroom.sendOne(settings, "x"));
        assertTrue(e.getMessage().startsWith("MAILROOM-2030"), e.getMessage());
        assertTrue(e.getMessage().contains("authOptional"), e.getMessage());
        assertNothingSent();
    }

    @Test
    void anEncryptedServerOfferingNoAuthGetsNothing() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        SmtpManagedConnectionFactory settings = TestMailroom.withLogin(
                TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED"), USER, PASSWORD);
        MailConnectionException e = assertThrows(MailConnectionException.class, () -> TestMailroom.sendOne(settings, "x"));
        assertTrue(e.getMessage().startsWith("MAILROOM-2030"), e.getMessage());
        assertNothingSent();
        assertEquals(List.of("EHLO mailroom.test", "STARTTLS", "EHLO mailroom.test"), smtp.commands().subList(0, 3));
    }

    @Test
    void withAuthOptionalTheMessageGoesWithoutLogin() throws Exception {
        smtp = ScriptedSmtpServer.start();
        SmtpManagedConnectionFactory settings = TestMailroom.withLogin(TestMailroom.settings(smtp.port()), USER, PASSWORD);
        settings.setAuthOptional(true);
        TestMailroom.sendOne(settings, "optional");
        assertEquals(1, smtp.messages().size());
    }

    @Test
    void aServerOfferingAuthIsLoggedIntoAsBefore() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        TestMailroom.sendOne(authenticating(TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED")), "login");
        assertEquals(1, smtp.logins().size());
        assertEquals(1, smtp.messages().size());
    }

    private void assertNothingSent() {
        assertEquals(0, smtp.messages().size());
        assertTrue(smtp.commands().stream().noneMatch(c -> c.startsWith("MAIL") || c.startsWith("RCPT")
                || c.startsWith("DATA") || c.startsWith("AUTH")), smtp.commands().toString());
    }
}
