package io.mailroom.api;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds recipients' S/MIME certificates (in a directory, a database, an LDAP server) for messages
 * built with {@link Email.Builder#encrypt(RecipientCertificate...)} that do not carry every
 * certificate themselves. A connection factory uses the provider its {@code
 * smimeCertificateProvider} setting names: a name registered here, or the name of a class with a
 * public no-argument constructor.
 *
 * <p>Called on the sending thread, once per recipient without a certificate in the message; keep
 * it fast (cache) and thread-safe.
 */
@FunctionalInterface
public interface RecipientCertificateProvider {

    /**
     * @param address a recipient's bare address, in lower case
     * @return the recipient's certificate, or empty if there is none (the send then fails with a
     *         message naming the recipient, and nothing is sent)
     */
    Optional<X509Certificate> find(String address);

    /**
     * Registers a provider under a name, for factories whose {@code smimeCertificateProvider}
     * names it. Register before the first message is sent; unregister when the application stops.
     *
     * @param name the name
     * @param provider the provider; replaces one registered under the same name
     */
    static void register(String name, RecipientCertificateProvider provider) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a certificate provider needs a name");
        }
        Registered.PROVIDERS.put(name.strip(), Objects.requireNonNull(provider, "provider"));
    }

    /**
     * @param name a registered name; nothing happens if none is registered under it
     */
    static void unregister(String name) {
        Registered.PROVIDERS.remove(name);
    }

    /**
     * @param name a registered name
     * @return the provider registered under it
     */
    static Optional<RecipientCertificateProvider> registered(String name) {
        return Optional.ofNullable(Registered.PROVIDERS.get(name));
    }
}

/** The registry behind {@link RecipientCertificateProvider#register}. */
final class Registered {
    static final Map<String, RecipientCertificateProvider> PROVIDERS = new ConcurrentHashMap<>();

    private Registered() {
    }
}
