package io.mailroom.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestCertificatesTest {
    private final TestCertificates certificates = TestCertificates.get();

    @Test
    void theLocalhostCertificateNamesLocalhostAndLoopbackAndIsSignedByTheTestAuthority() throws Exception {
        Certificate[] chain = chain(certificates.localhost());
        X509Certificate leaf = (X509Certificate) chain[0];
        X509Certificate ca = (X509Certificate) chain[1];

        assertEquals("CN=localhost", leaf.getSubjectX500Principal().getName());
        assertTrue(leaf.getSubjectAlternativeNames().contains(List.of(2, "localhost")));
        assertTrue(leaf.getSubjectAlternativeNames().contains(List.of(7, "127.0.0.1")));
        leaf.verify(ca.getPublicKey());
        assertEquals("CN=Mailroom Test CA", ca.getSubjectX500Principal().getName());
    }

    @Test
    void thePemFilesHoldTheChainAndAnUnencryptedKey() throws Exception {
        String chain = Files.readString(certificates.wrongHost().certificatePem());
        String key = Files.readString(certificates.wrongHost().keyPem());

        assertEquals(2, chain.split("-----BEGIN CERTIFICATE-----").length - 1);
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----\n"), key);
    }

    private static Certificate[] chain(TestCertificates.Identity identity) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(identity.keyStore())) {
            store.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return store.getCertificateChain(store.aliases().nextElement());
    }
}
