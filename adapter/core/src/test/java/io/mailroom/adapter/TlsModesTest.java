package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Login;
import io.mailroom.testsupport.TestCertificates;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each security mode against a scripted server with the test authority's certificate for 127.0.0.1. */
class TlsModesTest extends ScriptedTlsServerTest {

    @Test
    void sslImplicitDeliversOverTlsWithTheIdentityCheckedAgainstAPemTrust() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext());
        send(authenticating(TestMailroom.secure(smtp.port(), "SSL_IMPLICIT")));

        assertTrue(smtp.messages().get(0).overTls());
        assertEquals(List.of(new Login("LOGIN", USER, PASSWORD, true, true)), smtp.logins());
    }

    @Test
    void sslImplicitTrustsAPkcs12TrustStore() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext());
        SmtpManagedConnectionFactory settings = TestMailroom.settings(smtp.port());
        settings.setSecurity("SSL_IMPLICIT");
        settings.setTlsTrustStore(certificates.caTrustStore().toString());
        settings.setTlsTrustStorePassword(TestCertificates.PASSWORD);
        send(settings);

        assertTrue(smtp.messages().get(0).overTls());
    }

    @Test
    void startTlsRequiredUpgradesBeforeAuthenticating() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        send(authenticating(TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED")));

        assertEquals(List.of("EHLO mailroom.test", "STARTTLS", "EHLO mailroom.test"), smtp.commands().subList(0, 3));
        assertTrue(smtp.logins().get(0).overTls());
        assertTrue(smtp.messages().get(0).overTls());
    }

    @Test
    void startTlsWhenAvailableUpgradesWhenTheServerOffersIt() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        send(TestMailroom.secure(smtp.port(), "STARTTLS_WHEN_AVAILABLE"));

        assertTrue(smtp.commands().contains("STARTTLS"));
        assertTrue(smtp.messages().get(0).overTls());
    }

    @Test
    void startTlsWhenAvailableSendsPlaintextToAServerWithoutIt() throws Exception {
        smtp = ScriptedSmtpServer.start();
        send(TestMailroom.secure(smtp.port(), "STARTTLS_WHEN_AVAILABLE"));

        assertFalse(smtp.commands().contains("STARTTLS"));
        assertFalse(smtp.messages().get(0).overTls());
    }

    @Test
    void noneNeverStartsTlsEvenWhenOffered() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        send(TestMailroom.secure(smtp.port(), "NONE"));

        assertFalse(smtp.commands().contains("STARTTLS"));
        assertFalse(smtp.messages().get(0).overTls());
    }

    @Test
    void theClientCertificateOfTheKeyStoreIsPresented() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext()).requireClientCertificate();
        SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), "SSL_IMPLICIT");
        settings.setTlsKeyStore(certificates.client().keyStore().toString());
        settings.setTlsKeyStorePassword(TestCertificates.PASSWORD);
        send(settings);

        assertEquals(List.of("CN=mailroom-client"), smtp.clientCertificates());
        assertEquals(1, smtp.messages().size());
    }

    private static void send(SmtpManagedConnectionFactory settings) throws Exception {
        TestMailroom.sendOne(settings, "Secure");
    }
}
