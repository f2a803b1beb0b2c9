package io.mailroom.adapter.oauth2;

import io.mailroom.api.auth.RefreshTokenListener;
import io.mailroom.api.auth.TokenProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Access tokens from a token endpoint, by the refresh-token grant or the client-credentials
 * grant, each kept until shortly before it expires (or until the SMTP server refuses it, if the
 * endpoint gives no lifetime). A refresh token the endpoint rotates replaces the old one in
 * memory, and is offered to the {@link RefreshTokenListener}.
 */
public final class GrantTokenProvider implements TokenProvider {
    private static final Logger LOG = Logger.getLogger(GrantTokenProvider.class.getName());
    /** A token is renewed this long before it expires, or at half its lifetime if that is shorter. */
    static final Duration RENEW_EARLY = Duration.ofSeconds(60);

    private final TokenEndpoint endpoint;
    private final Clock clock;
    private final RefreshTokenListener listener;
    private String refreshToken;
    private String accessToken;
    private Instant renewAt;

    private GrantTokenProvider(TokenEndpoint endpoint, String refreshToken, RefreshTokenListener listener, Clock clock) {
        this.endpoint = endpoint;
        this.refreshToken = refreshToken;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * @param endpoint the token endpoint
     * @param refreshToken the refresh token to start with
     * @param listener told of rotated refresh tokens, or {@code null}
     * @param clock the clock that decides expiry
     * @return a provider using the refresh-token grant (RFC 6749 section 6)
     */
    public static GrantTokenProvider refreshTokenGrant(TokenEndpoint endpoint, String refreshToken,
                                                       RefreshTokenListener listener, Clock clock) {
        return new GrantTokenProvider(endpoint, refreshToken, listener, clock);
    }

    /**
     * @param endpoint the token endpoint, with client id and secret
     * @param clock the clock that decides expiry
     * @return a provider using the client-credentials grant (RFC 6749 section 4.4)
     */
    public static GrantTokenProvider clientCredentialsGrant(TokenEndpoint endpoint, Clock clock) {
        return new GrantTokenProvider(endpoint, null, null, clock);
    }

    @Override
    public synchronized String accessToken(String username) throws IOException {
        if (accessToken != null && (renewAt == null || clock.instant().isBefore(renewAt))) {
            return accessToken;
        }
        TokenEndpoint.Grant grant = refreshToken == null
                ? endpoint.request("client_credentials", Map.of())
                : endpoint.request("refresh_token", Map.of("refresh_token", refreshToken));
        accessToken = grant.accessToken();
        renewAt = grant.expiresIn() == null ? null : clock.instant().plus(grant.expiresIn()).minus(early(grant.expiresIn()));
        if (refreshToken != null && grant.refreshToken() != null && !grant.refreshToken().equals(refreshToken)) {
            refreshToken = grant.refreshToken();
            rotated(username, refreshToken);
        }
        return accessToken;
    }

    @Override
    public synchronized void refused(String username, String token) {
        if (token.equals(accessToken)) {
            accessToken = null;
        }
    }

    private static Duration early(Duration lifetime) {
        Duration half = lifetime.dividedBy(2);
        return half.compareTo(RENEW_EARLY) < 0 ? half : RENEW_EARLY;
    }

    private void rotated(String username, String newRefreshToken) {
        LOG.info(OAuth2Messages.refreshTokenRotated(endpoint, username, listener != null));
        if (listener != null) {
            try {
                listener.refreshTokenRotated(username, newRefreshToken);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, OAuth2Messages.listenerFailed(e.getClass().getName()));
            }
        }
    }

    @Override
    public String toString() {
        return "GrantTokenProvider[" + endpoint + (refreshToken == null ? ", client credentials" : ", refresh token") + "]";
    }
}
