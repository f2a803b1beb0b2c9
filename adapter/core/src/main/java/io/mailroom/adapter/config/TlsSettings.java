package io.mailroom.adapter.config;

/**
 * A connection factory's TLS settings. Passwords are masked by {@link #toString()}.
 *
 * @param checkServerIdentity whether the server's certificate must name the host
 * @param trustStore path of a key store with the certificates to trust, or {@code null}
 * @param trustStoreType its type, for example {@code PKCS12}
 * @param trustStorePassword its password, or {@code null}
 * @param trustPem path of a PEM file with certificates to trust, or {@code null}
 * @param keyStore path of a key store with the client certificate and key, or {@code null}
 * @param keyStoreType its type
 * @param keyStorePassword its password (also the key's), or {@code null}
 */
public record TlsSettings(boolean checkServerIdentity, String trustStore, String trustStoreType, String trustStorePassword,
                   String trustPem, String keyStore, String keyStoreType, String keyStorePassword) {

    /** TLS 1.2 is the oldest version Mailroom speaks. */
    public static final String PROTOCOLS = "TLSv1.3 TLSv1.2";

    /** @return {@code true} if neither a trust store nor a PEM file is set: the JVM's default trust applies */
    public boolean defaultTrust() {
        return trustStore == null && trustPem == null;
    }

    @Override
    public String toString() {
        return "TlsSettings[checkServerIdentity=" + checkServerIdentity + ", trustStore=" + trustStore
                + ", trustStoreType=" + trustStoreType + ", trustStorePassword=" + Secrets.mask(trustStorePassword)
                + ", trustPem=" + trustPem + ", keyStore=" + keyStore + ", keyStoreType=" + keyStoreType
                + ", keyStorePassword=" + Secrets.mask(keyStorePassword) + "]";
    }
}
