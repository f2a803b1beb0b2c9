package io.mailroom.adapter.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.testsupport.TestTokenEndpoint;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Token lifetimes, on a clock the test moves; the token endpoint is a real HTTP server on loopback. */
class GrantTokenProviderTest {
    private static final String USER = "noreply@mailroom.test";
    private TestTokenEndpoint endpoint;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void start() throws IOException {
        endpoint = TestTokenEndpoint.start("client", "secret", "rt-0");
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    /** Renewed a minute before expiry, or at half the lifetime if that is shorter. */
    @ParameterizedTest(name = "expires in {0} s: kept at {1} s, renewed at {2} s")
    @CsvSource({"3600, 3539, 3541", "20, 9, 11"})
    void aTokenIsKeptUntilShortlyBeforeItExpires(long expiresIn, long stillKeptAt, long renewedAt) throws IOException {
        endpoint.expiresIn(expiresIn);
        GrantTokenProvider provider = refreshing();

        String first = provider.accessToken(USER);
        clock.advance(Duration.ofSeconds(stillKeptAt));
        assertEquals(first, provider.accessToken(USER));
        clock.advance(Duration.ofSeconds(renewedAt - stillKeptAt));
        assertNotEquals(first, provider.accessToken(USER));
        assertEquals(2, endpoint.requests().size());
    }

    @Test
    void aTokenWithoutLifetimeIsKeptUntilRefused() throws IOException {
        endpoint.expiresIn(null);
        GrantTokenProvider provider = refreshing();

        String first = provider.accessToken(USER);
        clock.advance(Duration.ofDays(1));
        assertEquals(first, provider.accessToken(USER));
        provider.refused(USER, first);
        assertNotEquals(first, provider.accessToken(USER));
    }

    @Test
    void aRefusalOfAnOlderTokenKeepsTheCurrentOne() throws IOException {
        GrantTokenProvider provider = refreshing();
        String current = provider.accessToken(USER);

        provider.refused(USER, "some-older-token");

        assertEquals(current, provider.accessToken(USER));
        assertEquals(1, endpoint.requests().size());
    }

    @Test
    void anEndpointErrorNamesTheEndpointAndTheOAuthErrorButNoSecret() {
        GrantTokenProvider provider = GrantTokenProvider.refreshTokenGrant(client("secret"), "rt-unknown-to-it", null, clock);

        IOException e = assertThrows(IOException.class, () -> provider.accessToken(USER));

        assertEquals("the token endpoint " + endpoint.url() + " answered 400: invalid_grant (unknown refresh token)",
                e.getMessage());
    }

    @Test
    void aWrongClientSecretIsInvalidClient() {
        GrantTokenProvider provider = GrantTokenProvider.clientCredentialsGrant(client("not-the-secret"), clock);

        IOException e = assertThrows(IOException.class, () -> provider.accessToken(USER));

        assertTrue(e.getMessage().endsWith("answered 401: invalid_client"), e.getMessage());
        assertTrue(!e.getMessage().contains("not-the-secret"));
    }

    private GrantTokenProvider refreshing() {
        return GrantTokenProvider.refreshTokenGrant(client("secret"), "rt-0", null, clock);
    }

    private TokenEndpoint client(String secret) {
        return new TokenEndpoint(endpoint.url(), "client", secret, null, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
