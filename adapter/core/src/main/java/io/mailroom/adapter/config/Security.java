package io.mailroom.adapter.config;

import java.util.List;

/**
 * How a connection factory protects its SMTP connections: the {@code security} setting.
 *
 * <p>With {@link #AUTO} and {@link #SSL_AUTO} Mailroom finds the port and encryption itself,
 * encrypted channels first, and remembers what worked (see the smtp package's route probe).
 */
public enum Security {
    /** Plaintext SMTP; STARTTLS is never sent, even when offered. Default port 25. */
    NONE(25),
    /** TLS from the first byte ("SMTPS", RFC 8314). Default port 465. */
    SSL_IMPLICIT(465),
    /** STARTTLS, and fail (before any AUTH) if the server does not offer it. Default port 587. */
    STARTTLS_REQUIRED(587),
    /**
     * STARTTLS when the server offers it, plaintext otherwise; a failed TLS handshake still
     * fails. Credentials are never sent over plaintext unless {@code allowPlaintextAuth=true}.
     * Default port 25.
     */
    STARTTLS_WHEN_AVAILABLE(25),
    /** Probe the ports, encrypted first; may fall back to plaintext. */
    AUTO(465),
    /** Probe the ports, encrypted only: never plaintext. */
    SSL_AUTO(465);

    /** The ports AUTO and SSL_AUTO probe when no port is set: submission over TLS, submission, relay. */
    public static final List<Integer> STANDARD_PROBE_PORTS = List.of(465, 587, 25);

    private final int standardPort;

    Security(int standardPort) {
        this.standardPort = standardPort;
    }

    /** @return the port used when the connection factory sets none */
    public int standardPort() {
        return standardPort;
    }

    /** @return {@code true} for AUTO and SSL_AUTO, which probe ports and encryptions */
    public boolean probes() {
        return this == AUTO || this == SSL_AUTO;
    }
}
