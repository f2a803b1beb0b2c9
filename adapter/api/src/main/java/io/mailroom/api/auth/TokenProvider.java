package io.mailroom.api.auth;

import java.io.IOException;

/**
 * Supplies OAuth 2.0 access tokens for SMTP {@code AUTH XOAUTH2}. Mailroom asks for a token each
 * time it opens an SMTP connection, so an implementation should cache the token until shortly
 * before it expires.
 *
 * <p>Plug one in on a connection factory with {@code oauth2TokenProvider=<name>}: either a name
 * under which the application {@linkplain AuthPlugins#register(String, TokenProvider) registered}
 * an instance (for example from a CDI bean observing {@code @Initialized(ApplicationScoped.class)}),
 * or the fully qualified name of a class with a public no-argument constructor that the
 * adapter's class loader (or the caller's context class loader) can load.
 *
 * <pre>{@code
 * AuthPlugins.register("graph", username -> myTokenCache.tokenFor(username));
 * // server.xml: <properties.mailroom username="noreply@example.com" oauth2TokenProvider="graph" .../>
 * }</pre>
 *
 * <p>Implementations are called from several threads at once and must be thread-safe. Tokens are
 * secrets: an implementation must not log them.
 */
@FunctionalInterface
public interface TokenProvider {

    /**
     * @param username the mailbox that authenticates: the connection factory's {@code username}
     * @return an access token valid now, without the {@code Bearer} prefix
     * @throws IOException if no token can be had now (the token endpoint is down, the grant was
     *                     revoked); the send fails with a {@code MailConnectionException} and
     *                     queued mail is retried later
     */
    String accessToken(String username) throws IOException;

    /**
     * The SMTP server refused this token. Mailroom then asks for a token once more, and retries
     * with it if it differs. An implementation that caches tokens should drop this one here.
     *
     * @param username the mailbox that authenticated
     * @param accessToken the refused token
     */
    default void refused(String username, String accessToken) {
    }
}
