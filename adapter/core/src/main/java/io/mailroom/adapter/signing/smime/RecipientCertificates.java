package io.mailroom.adapter.signing.smime;

import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailException;
import io.mailroom.api.RecipientCertificate;
import io.mailroom.api.RecipientCertificateProvider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the certificate of every recipient of an encrypted message: first among those given
 * with the message, then from the factory's {@link RecipientCertificateProvider}. Any recipient
 * left without a usable certificate fails the send, naming the recipients, before anything is
 * sent or stored.
 */
public final class RecipientCertificates {
    private final String providerName;
    private volatile RecipientCertificateProvider loaded;

    /**
     * @param providerName the {@code smimeCertificateProvider} setting: a registered name or a
     *                     class name; null for none
     */
    public RecipientCertificates(String providerName) {
        this.providerName = providerName;
    }

    /**
     * @param given the certificates given with the message
     * @param recipients every envelope recipient's bare address
     * @return one certificate per distinct recipient, in recipient order
     * @throws InvalidEmailException naming the recipients without a usable certificate
     */
    public List<X509Certificate> resolve(List<RecipientCertificate> given, List<String> recipients) {
        Map<String, X509Certificate> byAddress = new HashMap<>();
        given.forEach(c -> byAddress.putIfAbsent(c.address(), c.certificate()));
        Map<String, X509Certificate> chosen = new java.util.LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String recipient : recipients) {
            String address = recipient.toLowerCase(Locale.ROOT);
            X509Certificate certificate = byAddress.get(address);
            if (certificate == null && providerName != null) {
                certificate = provider().find(address).orElse(null);
            }
            if (certificate == null) {
                missing.add(address);
            } else {
                chosen.putIfAbsent(address, usable(address, certificate));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidEmailException("encrypt", SmimeMessages.missingCertificates(missing, providerName));
        }
        return List.copyOf(chosen.values());
    }

    private static X509Certificate usable(String address, X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
            throw new InvalidEmailException("encrypt",
                    SmimeMessages.notRsa(address, certificate.getPublicKey().getAlgorithm()));
        }
        try {
            certificate.checkValidity();
        } catch (CertificateException e) {
            throw new InvalidEmailException("encrypt",
                    SmimeMessages.notValidNow(address, certificate.getNotBefore(), certificate.getNotAfter()), e);
        }
        return certificate;
    }

    /** A registered provider wins (looked up each time: an application may register a new one on redeploy). */
    private RecipientCertificateProvider provider() {
        Optional<RecipientCertificateProvider> registered = RecipientCertificateProvider.registered(providerName);
        if (registered.isPresent()) {
            return registered.get();
        }
        RecipientCertificateProvider p = loaded;
        if (p == null) {
            p = instantiate();
            loaded = p;
        }
        return p;
    }

    private RecipientCertificateProvider instantiate() {
        List<ClassLoader> loaders = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(RecipientCertificates.class.getClassLoader());
        for (ClassLoader loader : loaders) {
            try {
                Class<?> type = Class.forName(providerName, true, loader);
                return (RecipientCertificateProvider) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                // try the next loader
            }
        }
        throw new MailException(SmimeMessages.unknownProvider(providerName));
    }
}
