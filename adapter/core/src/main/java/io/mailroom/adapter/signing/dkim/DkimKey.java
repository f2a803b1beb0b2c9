package io.mailroom.adapter.signing.dkim;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * One DKIM signing key: the domain ({@code d=}), the selector ({@code s=}) under which its public
 * key is published in DNS, and the private key, RSA (rsa-sha256) or Ed25519 (ed25519-sha256,
 * RFC 8463).
 *
 * @param domain the signing domain, lower case
 * @param selector the selector
 * @param key the private key
 */
public record DkimKey(String domain, String selector, PrivateKey key) {
    /** RFC 8301: verifiers must refuse RSA keys below 1024 bits. */
    private static final int MIN_RSA_BITS = 1024;

    /** @return {@code rsa-sha256} or {@code ed25519-sha256} */
    public String algorithm() {
        return key instanceof RSAPrivateKey ? "rsa-sha256" : "ed25519-sha256";
    }

    /** Only the names: the key itself never appears in a log. */
    @Override
    public String toString() {
        return "DkimKey[" + selector + "._domainkey." + domain + ", " + algorithm() + "]";
    }

    /**
     * Reads one entry of the {@code dkimKeys} setting, {@code selector@domain=path}, where the file is
     * an unencrypted private key in PEM (PKCS#8 {@code PRIVATE KEY} or PKCS#1 {@code RSA PRIVATE
     * KEY}) or in DER (PKCS#8).
     *
     * @param entry the entry
     * @return the key
     * @throws IllegalArgumentException naming the entry, if it is malformed or the key unreadable
     */
    public static DkimKey parse(String entry) {
        String text = entry.strip();
        int at = text.indexOf('@');
        int equals = text.indexOf('=');
        if (at <= 0 || equals < at + 2 || equals == text.length() - 1) {
            throw new IllegalArgumentException(DkimMessages.malformedEntry(text));
        }
        String selector = text.substring(0, at).strip();
        String domain = text.substring(at + 1, equals).strip().toLowerCase(Locale.ROOT);
        Path file = Path.of(text.substring(equals + 1).strip());
        PrivateKey key = read(text, file);
        if (key instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new IllegalArgumentException(DkimMessages.weakKey(text, rsa.getModulus().bitLength(), MIN_RSA_BITS));
        }
        if (!(key instanceof RSAPrivateKey) && !key.getAlgorithm().matches("(?i)ed25519|eddsa")) {
            throw new IllegalArgumentException(DkimMessages.wrongKeyType(text, key.getAlgorithm()));
        }
        return new DkimKey(domain, selector, key);
    }

    private static PrivateKey read(String entry, Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            PrivateKeyInfo info;
            if (text.contains("-----BEGIN")) {
                try (Reader reader = new StringReader(text); PEMParser pem = new PEMParser(reader)) {
                    Object object = pem.readObject();
                    info = object instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                            : object instanceof PrivateKeyInfo plain ? plain : null;
                }
            } else {
                info = PrivateKeyInfo.getInstance(bytes);
            }
            if (info == null) {
                throw new IllegalArgumentException(DkimMessages.unreadableKey(entry, file, "no unencrypted private key (PKCS#8 or PKCS#1, PEM or DER)"));
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException mine && DkimMessages.isOurs(mine)) {
                throw mine;
            }
            throw new IllegalArgumentException(DkimMessages.unreadableKey(entry, file, e.getMessage()), e);
        }
    }
}
