package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import io.mailroom.testsupport.ScriptedSmtpServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the security settings refuse, and that nothing (no AUTH, no mail) reaches the server then. */
class TlsRefusalsTest extends ScriptedTlsServerTest {

    @Test
    void aCertificateForAnotherHostIsRefusedOnImplicitTls() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.wrongHost().serverContext());

        MailConnectionException e = refused(TestMailroom.secure(smtp.port(), "SSL_IMPLICIT"));

        assertTrue(e.getMessage().startsWith("MAILROOM-2020 TLS with SMTP server 127.0.0.1:" + smtp.port()), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertEquals(List.of(), smtp.commands());
    }

    @Test
    void aCertificateForAnotherHostIsRefusedAfterStartTlsBeforeAuth() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.wrongHost().serverContext());

        MailConnectionException e = refused(authenticating(TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED")));

        assertTrue(e.getMessage().startsWith("MAILROOM-2020"), e.getMessage());
        assertEquals(List.of("EHLO mailroom.test", "STARTTLS"), smtp.commands());
        assertEquals(List.of(), smtp.logins());
    }

    @Test
    void aSelfSignedCertificateIsNotTrusted() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.selfSigned().serverContext());

        MailConnectionException e = refused(TestMailroom.secure(smtp.port(), "SSL_IMPLICIT"));

        assertTrue(e.getMessage().startsWith("MAILROOM-2020"), e.getMessage());
        assertEquals(0, smtp.messages().size());
    }

    @Test
    void withTheIdentityCheckOffTheWrongNameIsAcceptedAndAWarningLogged() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.wrongHost().serverContext());
        SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), "SSL_IMPLICIT");
        settings.setTlsCheckServerIdentity(false);

        try (LogCapture log = new LogCapture(); TestMailroom mailroom = new TestMailroom(settings, 1)) {
            assertTrue(log.text().contains("WARNING MAILROOM-4010 WARNING: tlsCheckServerIdentity=false"), log.text());
            mailroom.send(TestMailroom.email("Anyone may read this"));
        }
        assertEquals(1, smtp.messages().size());
    }

    @Test
    void startTlsRequiredAgainstAServerWithoutItFailsAndSendsNoAuth() throws Exception {
        smtp = ScriptedSmtpServer.start(); // offers AUTH, not STARTTLS: what a stripping attacker leaves

        MailConnectionException e = refused(authenticating(TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED")));

        assertTrue(e.getMessage().startsWith("MAILROOM-2021 SMTP server 127.0.0.1:" + smtp.port()
                + " does not offer STARTTLS, and security=STARTTLS_REQUIRED"), e.getMessage());
        assertFalse(smtp.commands().stream().anyMatch(c -> c.startsWith("AUTH")), smtp.commands().toString());
        assertEquals(List.of(), smtp.logins());
    }

    @Test
    void credentialsAreNotSentOverPlaintextByDefault() throws Exception {
        smtp = ScriptedSmtpServer.start();

        MailConnectionException e = refused(authenticating(TestMailroom.secure(smtp.port(), "STARTTLS_WHEN_AVAILABLE")));

        assertTrue(e.getMessage().startsWith("MAILROOM-2022 not sending the credentials of user mailer"), e.getMessage());
        assertTrue(e.getMessage().contains("allowPlaintextAuth=true"), e.getMessage());
        assertFalse(smtp.commands().stream().anyMatch(c -> c.startsWith("AUTH")), smtp.commands().toString());
    }

    @Test
    void allowPlaintextAuthSendsThemAnyway() throws Exception {
        smtp = ScriptedSmtpServer.start();
        SmtpManagedConnectionFactory settings = authenticating(TestMailroom.secure(smtp.port(), "NONE"));
        settings.setAllowPlaintextAuth(true);

        TestMailroom.sendOne(settings, "Over plaintext");

        assertEquals(1, smtp.logins().size());
        assertFalse(smtp.logins().get(0).overTls());
        assertEquals(1, smtp.messages().size());
    }

    private static MailConnectionException refused(SmtpManagedConnectionFactory settings) throws Exception {
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            return assertThrows(MailConnectionException.class, () -> mailroom.send(TestMailroom.email("Refused")));
        }
    }
}
