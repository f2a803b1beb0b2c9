package io.mailroom.adapter.config;

/** The encryption of one SMTP connection attempt. */
public enum Encryption {
    /** TLS from the first byte. */
    IMPLICIT_TLS("implicit TLS"),
    /** STARTTLS, required: no STARTTLS offered means failure before AUTH. */
    STARTTLS("STARTTLS"),
    /** STARTTLS if the server offers it, else plaintext. */
    STARTTLS_IF_OFFERED("STARTTLS if offered"),
    /** No TLS at all. */
    PLAINTEXT("plaintext");

    private final String label;

    Encryption(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
