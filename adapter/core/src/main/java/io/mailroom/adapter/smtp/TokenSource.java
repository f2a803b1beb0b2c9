package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.OAuth2Settings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.oauth2.GrantTokenProvider;
import io.mailroom.adapter.oauth2.TokenEndpoint;

import io.mailroom.api.auth.AuthPlugins;
import io.mailroom.api.auth.RefreshTokenListener;
import io.mailroom.api.auth.TokenProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The XOAUTH2 token provider of a connection factory, made from its OAuth2 settings. A provider
 * or listener named in the settings is looked up when the first token is needed, so an
 * application may register it after the adapter has started: first among the
 * {@link AuthPlugins registered} ones, then as a class the adapter's class loader or the thread's
 * context class loader can load.
 */
final class TokenSource {
    private TokenSource() {
    }

    static TokenProvider of(OAuth2Settings oauth2, SmtpSettings smtp, Clock clock) {
        return switch (oauth2.grant()) {
            case NONE -> null;
            case STATIC_TOKEN -> new StaticToken(oauth2.accessToken());
            case PROVIDER -> new Named(oauth2.tokenProvider());
            case REFRESH_TOKEN -> GrantTokenProvider.refreshTokenGrant(endpoint(oauth2, smtp), oauth2.refreshToken(),
                    listener(oauth2.refreshTokenListener()), clock);
            case CLIENT_CREDENTIALS -> GrantTokenProvider.clientCredentialsGrant(endpoint(oauth2, smtp), clock);
        };
    }

    private static TokenEndpoint endpoint(OAuth2Settings oauth2, SmtpSettings smtp) {
        return new TokenEndpoint(oauth2.tokenUrl(), oauth2.clientId(), oauth2.clientSecret(), oauth2.scope(),
                Duration.ofMillis(smtp.connectTimeoutMillis()), Duration.ofMillis(smtp.readTimeoutMillis()));
    }

    private static RefreshTokenListener listener(String name) {
        if (name == null) {
            return null;
        }
        return (username, token) -> resolve("oauth2RefreshTokenListener", name, RefreshTokenListener.class,
                AuthPlugins::refreshTokenListener).refreshTokenRotated(username, token);
    }

    /**
     * @return the plug-in registered under the name, or a new instance of the class of that name
     * @throws IllegalStateException naming the property if there is neither
     */
    static <T> T resolve(String property, String name, Class<T> type, Function<String, Optional<T>> registered) {
        Optional<T> plugin = registered.apply(name);
        if (plugin.isPresent()) {
            return plugin.get();
        }
        Exception last = null;
        for (ClassLoader loader : new ClassLoader[] {TokenSource.class.getClassLoader(),
            Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return type.cast(Class.forName(name, true, loader).getConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                last = e instanceof ClassCastException ? new ClassCastException(name + " is not a " + type.getName())
                        : new Exception(e.toString());
            }
        }
        throw new IllegalStateException(SmtpMessages.tokenPluginMissing(property, name, String.valueOf(last)));
    }

    /** {@code oauth2AccessToken}, as it is. */
    private record StaticToken(String token) implements TokenProvider {
        @Override
        public String accessToken(String username) {
            return token;
        }

        @Override
        public String toString() {
            return "StaticToken[****]";
        }
    }

    /**
     * {@code oauth2TokenProvider}: looked up among the registered providers on every use (an
     * application that is redeployed registers a new one); an instance of a class of that name is
     * made once and kept.
     */
    private static final class Named implements TokenProvider {
        private final String name;
        private volatile TokenProvider loaded;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String accessToken(String username) throws IOException {
            return provider().accessToken(username);
        }

        @Override
        public void refused(String username, String accessToken) {
            try {
                provider().refused(username, accessToken);
            } catch (IOException e) {
                // Not resolvable: it never gave a token to refuse.
            }
        }

        private TokenProvider provider() throws IOException {
            Optional<TokenProvider> registered = AuthPlugins.tokenProvider(name);
            if (registered.isPresent()) {
                return registered.get();
            }
            TokenProvider p = loaded;
            if (p == null) {
                try {
                    p = resolve("oauth2TokenProvider", name, TokenProvider.class, AuthPlugins::tokenProvider);
                } catch (IllegalStateException e) {
                    throw new IOException(e.getMessage(), e);
                }
                loaded = p;
            }
            return p;
        }

        @Override
        public String toString() {
            return "TokenProvider[" + name + "]";
        }
    }
}
