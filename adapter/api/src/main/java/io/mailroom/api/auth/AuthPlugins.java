package io.mailroom.api.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token providers and refresh-token listeners that an application hands to the resource adapter
 * by name. The adapter and the application share this class (the API is loaded once, by the
 * adapter), so an instance registered here is found by a connection factory whose
 * {@code oauth2TokenProvider} or {@code oauth2RefreshTokenListener} names it.
 *
 * <p>Register before the first message is sent, and unregister when the application stops.
 */
public final class AuthPlugins {
    private static final Map<String, TokenProvider> PROVIDERS = new ConcurrentHashMap<>();
    private static final Map<String, RefreshTokenListener> LISTENERS = new ConcurrentHashMap<>();

    private AuthPlugins() {
    }

    /**
     * @param name the name connection factories use in {@code oauth2TokenProvider}
     * @param provider the provider; replaces one registered under the same name
     */
    public static void register(String name, TokenProvider provider) {
        PROVIDERS.put(requireName(name), Objects.requireNonNull(provider, "provider"));
    }

    /**
     * @param name the name connection factories use in {@code oauth2RefreshTokenListener}
     * @param listener the listener; replaces one registered under the same name
     */
    public static void register(String name, RefreshTokenListener listener) {
        LISTENERS.put(requireName(name), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes the provider and the listener registered under the name, if any.
     *
     * @param name the registered name
     */
    public static void unregister(String name) {
        PROVIDERS.remove(name);
        LISTENERS.remove(name);
    }

    /**
     * @param name a registered name
     * @return the provider registered under it
     */
    public static Optional<TokenProvider> tokenProvider(String name) {
        return Optional.ofNullable(PROVIDERS.get(name));
    }

    /**
     * @param name a registered name
     * @return the listener registered under it
     */
    public static Optional<RefreshTokenListener> refreshTokenListener(String name) {
        return Optional.ofNullable(LISTENERS.get(name));
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a plug-in needs a name");
        }
        return name.strip();
    }
}
