package io.mailroom.adapter.smtp;

import jakarta.mail.Session;
import jakarta.mail.URLName;
import io.mailroom.adapter.smtp.pipelining.PipeliningTransport;

/**
 * Angus Mail's SMTP transport with two guards Angus lacks, both checked before any credential is
 * sent: no SASL mechanism is used on an unencrypted connection unless plaintext authentication
 * is allowed, and a missing STARTTLS is noted so the failure can be named. It also remembers the
 * mechanism it authenticated with, for messages. Messages go out pipelined where the server allows
 * (see {@link PipeliningTransport}).
 */
final class GuardedTransport extends PipeliningTransport {
    private final boolean allowPlaintextAuth;
    private boolean plaintextAuthRefused;
    private boolean startTlsMissing;
    private String mechanism;

    GuardedTransport(Session session, URLName url, boolean allowPlaintextAuth, boolean pipelining) {
        super(session, url, pipelining);
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    /** Angus asks this for each configured mechanism, in order, before it sends AUTH. */
    @Override
    protected boolean supportsAuthentication(String auth) {
        if (!isSSL() && !allowPlaintextAuth) {
            plaintextAuthRefused = true;
            return false;
        }
        boolean supported = super.supportsAuthentication(auth);
        if (supported && mechanism == null) {
            mechanism = auth;
        }
        return supported;
    }

    @Override
    public boolean supportsExtension(String ext) {
        boolean supported = super.supportsExtension(ext);
        if ("STARTTLS".equalsIgnoreCase(ext) && !supported) {
            startTlsMissing = true;
        }
        return supported;
    }

    /** @return {@code true} if authentication was skipped because the connection is not encrypted */
    boolean plaintextAuthRefused() {
        return plaintextAuthRefused;
    }

    /** @return {@code true} if the server's EHLO reply offered no STARTTLS */
    boolean startTlsMissing() {
        return startTlsMissing;
    }

    /** @return the SASL mechanism used, or {@code null} if none was */
    String mechanism() {
        return mechanism;
    }
}
