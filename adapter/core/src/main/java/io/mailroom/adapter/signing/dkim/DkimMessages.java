package io.mailroom.adapter.signing.dkim;

import java.nio.file.Path;

/** Messages about DKIM settings (81xx) and signing (8110), with their stable ids. */
final class DkimMessages {
    private DkimMessages() {
    }

    static String malformedEntry(String entry) {
        return "MAILROOM-8101 dkimKeys entry '" + entry + "' is not selector@domain=path-to-private-key";
    }

    static String weakKey(String entry, int bits, int minimum) {
        return "MAILROOM-8102 dkimKeys entry '" + entry + "': the RSA key has " + bits + " bits; verifiers refuse fewer than "
                + minimum + " (RFC 8301), use 2048";
    }

    static String wrongKeyType(String entry, String algorithm) {
        return "MAILROOM-8106 dkimKeys entry '" + entry + "': a " + algorithm
                + " key cannot sign DKIM; use RSA (rsa-sha256) or Ed25519 (ed25519-sha256)";
    }

    static String unreadableKey(String entry, Path file, String reason) {
        return "MAILROOM-8103 dkimKeys entry '" + entry + "': cannot read a private key from " + file + ": " + reason;
    }

    static String badHeaderName(String name) {
        return "MAILROOM-8104 dkimHeaders: '" + name + "' is not a header name that can be signed";
    }

    static String badCanonicalization(String value) {
        return "MAILROOM-8105 dkimCanonicalization '" + value
                + "' must be header/body, each relaxed or simple (for example relaxed/relaxed)";
    }

    static String signingFailed(String reason) {
        return "MAILROOM-8110 DKIM signing failed: " + reason;
    }

    /** @return {@code true} for an exception made with one of the messages above */
    static boolean isOurs(RuntimeException e) {
        return String.valueOf(e.getMessage()).startsWith("MAILROOM-81");
    }
}
