package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.LoadSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The client side of the implicit-TLS sink: a TLS context trusting the benchmark's test authority. */
final class TrustedTls {
    private TrustedTls() {
    }

    static SSLContext context(LoadSettings settings) {
        try (InputStream in = Files.newInputStream(settings.trustStore())) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(in, LoadSettings.TRUST_STORE_PASSWORD.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the trust store " + settings.trustStore() + ": " + e.getMessage(), e);
        }
    }
}
