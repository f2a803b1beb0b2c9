package io.mailroom.adapter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Keys and certificates for the S/MIME and DKIM tests, made once per JVM in a temporary
 * directory: a test CA, S/MIME identities (RSA 2048, e-mail protection) for the sender and two
 * recipients, and DKIM keys (RSA 2048 as PKCS#8 and PKCS#1 PEM, Ed25519) with their DNS TXT
 * records. No key is checked in.
 */
final class SigningKeys {
    static final String PASSWORD = "smime-pa55";
    static final String DOMAIN = "sender.test";
    private static final AtomicLong SERIAL = new AtomicLong(1);
    private static SigningKeys instance;

    /** One S/MIME identity, as files and as objects. */
    record Person(String address, PrivateKey key, X509Certificate certificate, Path keyStore, Path pem,
                  Path certificatePem, Path keyPem) {
    }

    final Path dir;
    final Path caPem;
    final Person sender;
    final Person customer;
    final Person second;
    final Path dkimRsa;
    final Path dkimRsaPkcs1;
    final Path dkimEd25519;
    /** The Ed25519 key as DER PKCS#8. */
    final Path dkimEd25519Der;
    final Path dkimWeakRsa;
    /** Lines "name TAB TXT record" for the DKIM verifier's DNS. */
    final Path dnsRecords;

    private SigningKeys() throws Exception {
        dir = Files.createTempDirectory("mailroom-signing");
        dir.toFile().deleteOnExit();
        KeyPair ca = rsa(2048);
        X500Name caName = new X500Name("CN=Mailroom Test S/MIME CA");
        X509Certificate caCertificate = certificate(caName, caName, ca, ca.getPrivate(), null, true);
        caPem = write("ca.pem", pem(caCertificate));
        sender = person(TestMailroom.FROM, ca.getPrivate(), caName, caCertificate);
        customer = person(TestMailroom.TO, ca.getPrivate(), caName, caCertificate);
        second = person("second@receiver.test", ca.getPrivate(), caName, caCertificate);
        KeyPair rsa = rsa(2048);
        dkimRsa = write("dkim-rsa.pem", pkcs8Pem(rsa.getPrivate()));
        dkimRsaPkcs1 = write("dkim-rsa-pkcs1.pem", pem(rsa.getPrivate()));
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        dkimEd25519 = write("dkim-ed25519.pem", pkcs8Pem(ed.getPrivate()));
        dkimEd25519Der = Files.write(dir.resolve("dkim-ed25519.der"), ed.getPrivate().getEncoded());
        dkimWeakRsa = write("dkim-weak.pem", pkcs8Pem(rsa(512).getPrivate()));
        byte[] edPublic = ed.getPublic().getEncoded();
        dnsRecords = write("dns.txt",
                "rsa2026._domainkey." + DOMAIN + "\tv=DKIM1; k=rsa; p="
                        + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded()) + "\n"
                + "ed2026._domainkey." + DOMAIN + "\tv=DKIM1; k=ed25519; p="
                        + Base64.getEncoder().encodeToString(Arrays.copyOfRange(edPublic, edPublic.length - 32,
                        edPublic.length)) + "\n");
    }

    static synchronized SigningKeys get() {
        if (instance == null) {
            try {
                instance = new SigningKeys();
            } catch (Exception e) {
                throw new IllegalStateException("could not make the test keys", e);
            }
        }
        return instance;
    }

    /** @return the {@code dkimKeys} entry for the RSA key (selector rsa2026) */
    String rsaEntry() {
        return "rsa2026@" + DOMAIN + "=" + dkimRsa;
    }

    /** @return the {@code dkimKeys} entry for the Ed25519 key (selector ed2026) */
    String ed25519Entry() {
        return "ed2026@" + DOMAIN + "=" + dkimEd25519;
    }

    private Person person(String address, PrivateKey caKey, X500Name caName, X509Certificate caCertificate)
            throws Exception {
        KeyPair pair = rsa(2048);
        X509Certificate certificate = certificate(caName, new X500Name("CN=" + address), pair, caKey, address, false);
        String name = address.substring(0, address.indexOf('@'));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(name, pair.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {certificate, caCertificate});
        Path keyStore = dir.resolve(name + ".p12");
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, PASSWORD.toCharArray());
        }
        Path certificatePem = write(name + "-cert.pem", pem(certificate));
        Path keyPem = write(name + "-key.pem", pkcs8Pem(pair.getPrivate()));
        Path both = write(name + ".pem", pkcs8Pem(pair.getPrivate()) + pem(certificate) + pem(caCertificate));
        return new Person(address, pair.getPrivate(), certificate, keyStore, both, certificatePem, keyPem);
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, KeyPair pair, PrivateKey signer,
                                               String email, boolean ca) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(30, ChronoUnit.DAYS)), subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    /** PEM as OpenSSL writes it: certificates, and PKCS#1 for an RSA key pair's private key. */
    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
