package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailException;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Login;
import io.mailroom.testsupport.TestProxy;
import io.mailroom.testsupport.TestTokenEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every authentication path, run with Angus Mail's debug trace on and Mailroom's log captured:
 * no password, client secret, refresh token or access token appears in the trace, the log, an
 * exception's message or a {@code toString()}, in clear or in the base64 of an AUTH exchange.
 */
class SecretsInLogsTest extends ScriptedTlsServerTest {
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();
    private final List<String> secrets = new ArrayList<>();
    private final StringBuilder seen = new StringBuilder();

    @Test
    void plainAndLoginOverTlsKeepThePasswordOut() throws Exception {
        smtp = ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext());
        for (String mechanism : List.of("PLAIN", "LOGIN")) {
            SmtpManagedConnectionFactory settings = authenticating(TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED"));
            settings.setAuthMechanisms(mechanism);
            run(settings);
        }
        assertEquals(2, smtp.logins().size());
        assertNoSecret(PASSWORD);
    }

    @Test
    void aRefusedPasswordKeepsItOut() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext());
        smtp.acceptLogins((user, secret) -> false);
        run(TestMailroom.withLogin(TestMailroom.secure(smtp.port(), "SSL_IMPLICIT"), USER, PASSWORD));

        assertTrue(seen.toString().contains("MAILROOM-2005"), seen.toString());
        assertNoSecret(PASSWORD);
    }

    @Test
    void aPasswordRefusedForPlaintextKeepsItOut() throws Exception {
        smtp = ScriptedSmtpServer.start();
        run(authenticating(TestMailroom.secure(smtp.port(), "AUTO")));

        assertTrue(seen.toString().contains("allowPlaintextAuth=false"), seen.toString());
        assertNoSecret(PASSWORD);
    }

    @Test
    void xoauth2GrantsKeepTokensAndClientSecretOut() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext());
        try (TestTokenEndpoint endpoint = TestTokenEndpoint.start(XOAuth2Test.CLIENT_ID, XOAuth2Test.CLIENT_SECRET,
                XOAuth2Test.REFRESH_TOKEN).rotateRefreshTokens(true)) {
            smtp.acceptLogins((user, token) -> endpoint.isValid(token));
            SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), "SSL_IMPLICIT");
            settings.setUsername(XOAuth2Test.USER);
            settings.setOauth2TokenUrl(endpoint.url().toString());
            settings.setOauth2ClientId(XOAuth2Test.CLIENT_ID);
            settings.setOauth2ClientSecret(XOAuth2Test.CLIENT_SECRET);
            settings.setOauth2RefreshToken(XOAuth2Test.REFRESH_TOKEN);
            run(settings);
            endpoint.revokeAccessTokens(); // the next connection's token is refused, then renewed
            run(settings);
            secrets.add(endpoint.refreshToken());
            settings.setOauth2RefreshToken(null); // now the client-credentials grant
            run(settings);
        }
        assertEquals(4, smtp.logins().size());
        assertNoSecret(XOAuth2Test.CLIENT_SECRET, XOAuth2Test.REFRESH_TOKEN);
    }

    @Test
    void proxyPasswordsStayOut() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext());
        String proxyPassword = "pr0xy-s3cret";
        for (TestProxy.Kind kind : TestProxy.Kind.values()) {
            for (String password : List.of(proxyPassword, "wrong-" + proxyPassword)) {
                try (TestProxy proxy = TestProxy.start(kind, "relay", proxyPassword)) {
                    SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), "SSL_IMPLICIT");
                    settings.setProxyType(kind.name());
                    settings.setProxyHost("127.0.0.1");
                    settings.setProxyPort(proxy.port());
                    settings.setProxyUsername("relay");
                    settings.setProxyPassword(password);
                    run(settings);
                }
            }
        }
        assertTrue(seen.toString().contains("MAILROOM-2023"), seen.toString());
        assertNoSecret(proxyPassword, "relay:" + proxyPassword, "relay:wrong-" + proxyPassword);
    }

    /**
     * Sends once with the trace on; keeps the trace, the log, the exception and the settings' text.
     * The trace goes on once per factory: a changed setting makes a fresh connector, which would
     * start again from the configured refresh token.
     */
    private void run(SmtpManagedConnectionFactory settings) throws Exception {
        if (settings.debugOut() == null) {
            settings.debugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        }
        try (LogCapture log = new LogCapture(); TestMailroom mailroom = new TestMailroom(settings, 1)) {
            try {
                mailroom.send(TestMailroom.email("Secret-free"));
            } catch (MailException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    seen.append(t).append('\n');
                }
            }
            seen.append(log.text()).append(settings).append(settings.settings()).append(settings.securitySettings());
        }
        seen.append(trace.toString(StandardCharsets.UTF_8));
    }

    private void assertNoSecret(String... more) {
        String text = seen.toString();
        assertTrue(text.contains("EHLO mailroom.test"), "the trace was on: " + text);
        secrets.addAll(List.of(more));
        for (Login login : smtp.logins()) {
            secrets.add(login.secret());
            secrets.add("\0" + login.user() + "\0" + login.secret());
            secrets.add("user=" + login.user() + "\u0001auth=Bearer " + login.secret() + "\u0001\u0001");
        }
        for (String secret : secrets) {
            String base64 = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
            assertFalse(text.contains(secret), "secret in the output: " + text);
            assertFalse(text.contains(base64), "base64 of a secret in the output: " + text);
        }
    }

    private static void assertEquals(int expected, int actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
