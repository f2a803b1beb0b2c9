package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.TlsSettings;

import jakarta.resource.spi.InvalidPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Makes the TLS socket factory of a connection factory from its trust and key store settings.
 * Without trust settings the JVM's default trust store applies (its {@code cacerts}, or
 * {@code javax.net.ssl.trustStore}). Failures name the property, never a password.
 */
final class TlsContexts {
    private TlsContexts() {
    }

    static SSLSocketFactory socketFactory(TlsSettings tls) throws InvalidPropertyException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(tls), trustManagers(tls).getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new InvalidPropertyException(SmtpMessages.tlsSetupFailed("tls", e.toString()), e);
        }
    }

    private static TrustManagerFactory trustManagers(TlsSettings tls) throws InvalidPropertyException,
            GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (tls.defaultTrust()) {
            factory.init((KeyStore) null);
            return factory;
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        if (tls.trustStore() != null) {
            KeyStore store = load("tlsTrustStore", tls.trustStore(), tls.trustStoreType(), tls.trustStorePassword());
            int n = 0;
            for (String alias : java.util.Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate != null) {
                    trusted.setCertificateEntry("store-" + n++, certificate);
                }
            }
        }
        if (tls.trustPem() != null) {
            int n = 0;
            for (Certificate certificate : pemCertificates(tls.trustPem())) {
                trusted.setCertificateEntry("pem-" + n++, certificate);
            }
        }
        if (trusted.size() == 0) {
            throw new InvalidPropertyException(SmtpMessages.tlsSetupFailed(tls.trustStore() != null ? "tlsTrustStore" : "tlsTrustPem",
                    "it holds no certificate"));
        }
        factory.init(trusted);
        return factory;
    }

    private static KeyManager[] keyManagers(TlsSettings tls) throws InvalidPropertyException, GeneralSecurityException {
        if (tls.keyStore() == null) {
            return null;
        }
        KeyStore store = load("tlsKeyStore", tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword());
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password(tls.keyStorePassword()));
        return factory.getKeyManagers();
    }

    private static KeyStore load(String property, String path, String type, String password)
            throws InvalidPropertyException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password(password));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPropertyException(SmtpMessages.tlsSetupFailed(property, path + ": " + e.getMessage()), e);
        }
    }

    private static Collection<? extends Certificate> pemCertificates(String path) throws InvalidPropertyException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidPropertyException(SmtpMessages.tlsSetupFailed("tlsTrustPem", path + ": " + e.getMessage()), e);
        }
    }

    private static char[] password(String password) {
        return password == null ? null : password.toCharArray();
    }
}
