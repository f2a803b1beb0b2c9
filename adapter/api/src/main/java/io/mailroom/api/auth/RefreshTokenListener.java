package io.mailroom.api.auth;

/**
 * Told when the OAuth 2.0 token endpoint returns a new refresh token in place of the configured
 * one (refresh-token rotation). Mailroom keeps the new token in memory and uses it from then on;
 * a listener can store it, so that the next start of the server does not begin with a refresh
 * token the endpoint has already retired.
 *
 * <p>Named on a connection factory with {@code oauth2RefreshTokenListener=<name>}, resolved like
 * {@link TokenProvider}: a name {@linkplain AuthPlugins#register(String, RefreshTokenListener)
 * registered} by the application, or a class name.
 */
@FunctionalInterface
public interface RefreshTokenListener {

    /**
     * @param username the connection factory's {@code username}
     * @param refreshToken the new refresh token; a secret, never to be logged
     */
    void refreshTokenRotated(String username, String refreshToken);
}
