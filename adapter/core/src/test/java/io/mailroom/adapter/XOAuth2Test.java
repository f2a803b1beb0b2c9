package io.mailroom.adapter;

import io.mailroom.adapter.oauth2.GrantTokenProvider;
import io.mailroom.adapter.oauth2.TokenEndpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import io.mailroom.api.PermanentDeliveryException;
import io.mailroom.api.auth.AuthPlugins;
import io.mailroom.api.auth.TokenProvider;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Login;
import io.mailroom.testsupport.TestCertificates;
import io.mailroom.testsupport.TestTokenEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AUTH XOAUTH2 with tokens from a token endpoint on loopback: the SMTP server accepts exactly
 * the access tokens the endpoint issued and has not revoked.
 */
class XOAuth2Test {
    static final String USER = "noreply@mailroom.test";
    static final String CLIENT_ID = "mailroom-client";
    static final String CLIENT_SECRET = "cl1ent-s3cret";
    static final String REFRESH_TOKEN = "rt-initial-0f9e";
    private ScriptedSmtpServer smtp;
    private TestTokenEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtpServer.startImplicitTls(TestCertificates.get().localhost().serverContext());
        endpoint = TestTokenEndpoint.start(CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN);
        smtp.acceptLogins((user, token) -> user.equals(USER) && endpoint.isValid(token));
    }

    @AfterEach
    void stop() {
        smtp.close();
        endpoint.close();
        AuthPlugins.unregister("xoauth2-test");
    }

    @Test
    void theRefreshTokenGrantsATokenThatIsSentWithXoauth2AndKept() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(refreshing(), 1)) {
            mailroom.send(TestMailroom.email("One"));
            mailroom.send(TestMailroom.email("Two"));
        }
        assertEquals(2, smtp.messages().size());
        List<Login> logins = smtp.logins();
        assertEquals(2, logins.size());
        assertTrue(logins.stream().allMatch(l -> l.mechanism().equals("XOAUTH2") && l.accepted() && l.overTls()));
        assertEquals(1, endpoint.requests().size(), "one token for both connections");
        Map<String, String> request = endpoint.requests().get(0);
        assertEquals(Map.of("grant_type", "refresh_token", "refresh_token", REFRESH_TOKEN, "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET, "scope", "smtp"), request);
    }

    @Test
    void aTokenTheServerRefusesIsRenewedOnceAndTheMessageGoesOut() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(refreshing(), 1)) {
            mailroom.send(TestMailroom.email("Before expiry"));
            endpoint.revokeAccessTokens(); // expired, as far as the SMTP server is concerned
            mailroom.send(TestMailroom.email("After expiry"));
        }
        assertEquals(List.of(true, false, true), smtp.logins().stream().map(Login::accepted).toList());
        assertEquals(2, endpoint.requests().size());
        assertEquals(2, smtp.messages().size());
    }

    @Test
    void aRotatedRefreshTokenReplacesTheOldOneAndIsOfferedToTheListener() throws Exception {
        endpoint.rotateRefreshTokens(true);
        List<String> stored = new CopyOnWriteArrayList<>();
        AuthPlugins.register("xoauth2-test", (user, refreshToken) -> stored.add(user + " " + refreshToken));
        SmtpManagedConnectionFactory settings = refreshing();
        settings.setOauth2RefreshTokenListener("xoauth2-test");
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(TestMailroom.email("One"));
            String rotated = endpoint.refreshToken();
            endpoint.revokeAccessTokens();
            mailroom.send(TestMailroom.email("Two"));

            assertNotEquals(REFRESH_TOKEN, rotated);
            assertEquals(rotated, endpoint.requests().get(1).get("refresh_token"), "the rotated token is used next");
            assertEquals(List.of(USER + " " + rotated, USER + " " + endpoint.refreshToken()), stored);
        }
        assertEquals(2, smtp.messages().size());
    }

    @Test
    void theClientCredentialsGrantAsksWithTheClientSecretAndScope() throws Exception {
        SmtpManagedConnectionFactory settings = refreshing();
        settings.setOauth2RefreshToken(null);
        settings.setOauth2Scope("https://outlook.office365.com/.default");
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(TestMailroom.email("Application access"));
        }
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET,
                "scope", "https://outlook.office365.com/.default"), endpoint.requests().get(0));
        assertTrue(smtp.logins().get(0).accepted());
    }

    @Test
    void aTokenRefusedTwiceFailsNamingUserHostAndMechanism() throws Exception {
        smtp.acceptLogins((user, token) -> false);
        try (TestMailroom mailroom = new TestMailroom(refreshing(), 1)) {
            PermanentDeliveryException e = assertThrows(PermanentDeliveryException.class,
                    () -> mailroom.send(TestMailroom.email("Refused")));
            assertTrue(e.getMessage().startsWith("MAILROOM-2005 authentication failed for user " + USER + " on 127.0.0.1:"
                    + smtp.port() + " with mechanism XOAUTH2"), e.getMessage());
        }
        assertEquals(2, smtp.logins().size(), "the first token, then one renewed token");
        assertEquals(2, endpoint.requests().size());
    }

    @Test
    void anUnreachableTokenEndpointFailsTheSendAsAConnectionProblem() throws Exception {
        SmtpManagedConnectionFactory settings = refreshing();
        endpoint.close();
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            MailConnectionException e = assertThrows(MailConnectionException.class,
                    () -> mailroom.send(TestMailroom.email("No token")));
            assertTrue(e.getMessage().startsWith("MAILROOM-2024 no OAuth2 access token for XOAUTH2: "), e.getMessage());
        }
        assertEquals(List.of(), smtp.commands());
    }

    @Test
    void aTokenProviderRegisteredByTheApplicationIsFoundByName() throws Exception {
        String token = grantOne();
        AuthPlugins.register("xoauth2-test", (TokenProvider) user -> token);
        SmtpManagedConnectionFactory settings = providing("xoauth2-test");
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(TestMailroom.email("From a registered provider"));
        }
        assertEquals(token, smtp.logins().get(0).secret());
    }

    @Test
    void aTokenProviderClassIsLoadedByName() throws Exception {
        FixedProvider.token = grantOne();
        try (TestMailroom mailroom = new TestMailroom(providing(FixedProvider.class.getName()), 1)) {
            mailroom.send(TestMailroom.email("From a provider class"));
        }
        assertTrue(smtp.logins().get(0).accepted());
    }

    /** A provider an application might ship: a public class with a no-argument constructor. */
    public static final class FixedProvider implements TokenProvider {
        static volatile String token;

        @Override
        public String accessToken(String username) {
            return token;
        }
    }

    /** @return a valid access token, fetched from the endpoint outside Mailroom */
    private String grantOne() throws IOException {
        TokenEndpoint client = new TokenEndpoint(endpoint.url(), CLIENT_ID, CLIENT_SECRET, null, Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        return GrantTokenProvider.clientCredentialsGrant(client, Clock.systemUTC()).accessToken(USER);
    }

    private SmtpManagedConnectionFactory providing(String name) {
        SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), "SSL_IMPLICIT");
        settings.setUsername(USER);
        settings.setOauth2TokenProvider(name);
        return settings;
    }

    private SmtpManagedConnectionFactory refreshing() {
        SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), "SSL_IMPLICIT");
        settings.setMaxMessagesPerConnection(1); // a new SMTP connection, and AUTH, for every message
        settings.setUsername(USER);
        settings.setOauth2TokenUrl(endpoint.url().toString());
        settings.setOauth2ClientId(CLIENT_ID);
        settings.setOauth2ClientSecret(CLIENT_SECRET);
        settings.setOauth2RefreshToken(REFRESH_TOKEN);
        settings.setOauth2Scope("smtp");
        return settings;
    }
}
