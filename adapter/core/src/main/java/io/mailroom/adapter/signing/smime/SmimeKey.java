package io.mailroom.adapter.signing.smime;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The S/MIME signing key and its certificate chain (signer first), read from a PKCS#12 key store
 * or a PEM file holding the private key and the certificates.
 *
 * @param key the private key (RSA or EC)
 * @param chain the signer's certificate, then its issuers
 */
public record SmimeKey(PrivateKey key, List<X509Certificate> chain) {

    public SmimeKey {
        chain = List.copyOf(chain);
    }

    /** @return the signer's certificate */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Names the signer only; the key never appears in a log. */
    @Override
    public String toString() {
        return "SmimeKey[" + certificate().getSubjectX500Principal() + "]";
    }

    /**
     * @param file the {@code smimeKeyStore} file
     * @param type {@code PKCS12} or {@code PEM}
     * @param password the store's and key's password (for PEM: of an encrypted PKCS#8 key); may be null
     * @param alias the entry to use; null for the first key entry
     * @return the key and chain
     * @throws IllegalArgumentException naming the setting, never the password
     */
    public static SmimeKey load(Path file, String type, char[] password, String alias) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(SmimeMessages.unreadableStore(file));
        }
        String t = type == null ? "PKCS12" : type.strip().toUpperCase(Locale.ROOT);
        try {
            return switch (t) {
                case "PKCS12", "JKS" -> fromKeyStore(file, t, password, alias);
                case "PEM" -> fromPem(file, password);
                default -> throw new IllegalArgumentException(SmimeMessages.badStoreType(type));
            };
        } catch (IOException | GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException(SmimeMessages.wrongPassword(file, t, alias, e), e);
        }
    }

    private static SmimeKey fromKeyStore(Path file, String type, char[] password, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        String chosen = alias;
        if (chosen == null) {
            chosen = Collections.list(store.aliases()).stream().filter(a -> isKey(store, a)).findFirst().orElse(null);
        }
        Key key = chosen == null ? null : store.getKey(chosen, password);
        Certificate[] certificates = chosen == null ? null : store.getCertificateChain(chosen);
        if (!(key instanceof PrivateKey privateKey) || certificates == null || certificates.length == 0) {
            throw new IllegalArgumentException(SmimeMessages.noKeyEntry(file, alias));
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : certificates) {
            chain.add((X509Certificate) c);
        }
        return new SmimeKey(privateKey, chain);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static SmimeKey fromPem(Path file, char[] password)
            throws IOException, GeneralSecurityException, OperatorCreationException, PKCSException {
        PrivateKeyInfo info = null;
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(reader)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    chain.add(certificates.getCertificate(holder));
                } else if (o instanceof PrivateKeyInfo plain) {
                    info = plain;
                } else if (o instanceof PEMKeyPair pair) {
                    info = pair.getPrivateKeyInfo();
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    if (password == null) {
                        throw new IllegalArgumentException(SmimeMessages.encryptedKeyWithoutPassword(file));
                    }
                    info = encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().build(password));
                }
            }
        }
        if (info == null || chain.isEmpty()) {
            throw new IllegalArgumentException(SmimeMessages.incompletePem(file));
        }
        return new SmimeKey(new JcaPEMKeyConverter().getPrivateKey(info), chain);
    }
}
