package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.TestProxy;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMTP through a SOCKS5 and an HTTP CONNECT proxy on loopback, with TLS end to end through the tunnel. */
class ProxyTest extends ScriptedTlsServerTest {
    private static final String PROXY_USER = "relay";
    private static final String PROXY_PASSWORD = "pr0xy-pa55";
    private TestProxy proxy;

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void socks5WithUsernameAndPasswordCarriesImplicitTlsAndTheProxyResolvesTheHost() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext());
        proxy = TestProxy.start(TestProxy.Kind.SOCKS5, PROXY_USER, PROXY_PASSWORD);
        SmtpManagedConnectionFactory settings = through("SOCKS5", TestMailroom.secure(smtp.port(), "SSL_IMPLICIT"));
        settings.setHost("localhost");

        TestMailroom.sendOne(authenticating(settings), "Through SOCKS5");

        assertEquals(List.of("localhost:" + smtp.port()), proxy.tunnels());
        assertTrue(smtp.messages().get(0).overTls());
        assertTrue(smtp.logins().get(0).accepted());
    }

    @Test
    void socks5CarriesStartTls() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        proxy = TestProxy.start(TestProxy.Kind.SOCKS5, PROXY_USER, PROXY_PASSWORD);

        TestMailroom.sendOne(through("SOCKS5", TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED")), "STARTTLS via SOCKS5");

        assertEquals(List.of("127.0.0.1:" + smtp.port()), proxy.tunnels());
        assertTrue(smtp.messages().get(0).overTls());
    }

    @Test
    void httpConnectWithBasicAuthenticationCarriesStartTls() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        proxy = TestProxy.start(TestProxy.Kind.HTTP, PROXY_USER, PROXY_PASSWORD);

        TestMailroom.sendOne(authenticating(through("HTTP", TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED"))),
                "Through CONNECT");

        assertEquals(List.of("127.0.0.1:" + smtp.port()), proxy.tunnels());
        assertTrue(smtp.messages().get(0).overTls());
    }

    @Test
    void aSocks5ProxyRefusingThePasswordIsNamedAndTheServerNeverReached() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext());
        proxy = TestProxy.start(TestProxy.Kind.SOCKS5, PROXY_USER, "another-password");

        MailConnectionException e = refused(through("SOCKS5", TestMailroom.secure(smtp.port(), "SSL_IMPLICIT")));

        assertTrue(e.getMessage().startsWith("MAILROOM-2023 the proxy did not connect to SMTP server 127.0.0.1:"
                + smtp.port() + ": the SOCKS5 proxy refused the username/password of user relay"), e.getMessage());
        assertFalse(e.getMessage().contains(PROXY_PASSWORD));
        assertEquals(0, smtp.connectionsAccepted());
    }

    @Test
    void anHttpProxyAnswering407IsNamed() throws Exception {
        smtp = ScriptedSmtpServer.start();
        proxy = TestProxy.start(TestProxy.Kind.HTTP, PROXY_USER, "another-password");

        MailConnectionException e = refused(through("HTTP", TestMailroom.secure(smtp.port(), "STARTTLS_WHEN_AVAILABLE")));

        assertTrue(e.getMessage().contains("the HTTP proxy refused the credentials of user relay (407)"), e.getMessage());
        assertEquals(0, smtp.connectionsAccepted());
    }

    private SmtpManagedConnectionFactory through(String type, SmtpManagedConnectionFactory settings) {
        settings.setProxyType(type);
        settings.setProxyHost("127.0.0.1");
        settings.setProxyPort(proxy.port());
        settings.setProxyUsername(PROXY_USER);
        settings.setProxyPassword(PROXY_PASSWORD);
        return settings;
    }

    private static MailConnectionException refused(SmtpManagedConnectionFactory settings) throws Exception {
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            return assertThrows(MailConnectionException.class, () -> mailroom.send(TestMailroom.email("Refused")));
        }
    }
}
