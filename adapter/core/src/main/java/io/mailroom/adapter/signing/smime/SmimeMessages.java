package io.mailroom.adapter.signing.smime;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;

/** Messages about S/MIME messages (80xx) and settings (812x), with their stable ids; never a password. */
final class SmimeMessages {
    private SmimeMessages() {
    }

    static String missingCertificates(List<String> recipients, String providerName) {
        return "MAILROOM-8002 no S/MIME certificate for recipient " + String.join(", ", recipients)
                + (providerName == null
                ? " (none given with the message, and the connection factory has no smimeCertificateProvider)"
                : " (none given with the message, and smimeCertificateProvider " + providerName + " has none)")
                + "; nothing was sent";
    }

    static String notRsa(String recipient, String algorithm) {
        return "MAILROOM-8004 the S/MIME certificate for recipient " + recipient + " has a " + algorithm
                + " key; encryption needs an RSA key; nothing was sent";
    }

    static String notValidNow(String recipient, Date from, Date to) {
        return "MAILROOM-8006 the S/MIME certificate for recipient " + recipient + " is not valid now (" + from + " to "
                + to + "); nothing was sent";
    }

    static String unknownProvider(String name) {
        return "MAILROOM-8005 smimeCertificateProvider '" + name + "' is neither a registered"
                + " RecipientCertificateProvider nor a class with a public no-argument constructor that implements it";
    }

    static String unreadableStore(Path file) {
        return "MAILROOM-8120 smimeKeyStore " + file + " cannot be read";
    }

    static String badStoreType(String type) {
        return "MAILROOM-8121 smimeKeyStoreType '" + type + "' must be PKCS12 or PEM";
    }

    static String wrongPassword(Path file, String type, String alias, Exception cause) {
        return "MAILROOM-8122 smimeKeyStore " + file + " (" + type + ") holds no readable key with that smimeKeyStorePassword"
                + (alias == null ? "" : " and smimeKeyAlias " + alias) + ": " + cause.getClass().getSimpleName();
    }

    static String noKeyEntry(Path file, String alias) {
        return "MAILROOM-8123 smimeKeyStore " + file + " has no private key entry" + (alias == null ? "" : " named " + alias)
                + " with a certificate chain";
    }

    static String incompletePem(Path file) {
        return "MAILROOM-8126 smimeKeyStore " + file
                + " (PEM) needs a PRIVATE KEY and at least one CERTIFICATE (the signer's first)";
    }

    static String encryptedKeyWithoutPassword(Path file) {
        return "MAILROOM-8124 smimeKeyStore " + file + " has an encrypted key: set smimeKeyStorePassword";
    }

    static String badEncryption(String value) {
        return "MAILROOM-8125 smimeEncryption '" + value + "' must be AES256_CBC or AES256_GCM";
    }
}
