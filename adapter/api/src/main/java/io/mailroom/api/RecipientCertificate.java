package io.mailroom.api;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Objects;

/**
 * A recipient's S/MIME certificate, for {@link Email.Builder#encrypt(RecipientCertificate...)}:
 * the message is encrypted to the certificate's public key, so only that recipient can read it.
 * Only JDK types cross the API; the adapter does the cryptography.
 */
public final class RecipientCertificate {
    private final String address;
    private final X509Certificate certificate;

    private RecipientCertificate(String address, X509Certificate certificate) {
        this.address = address;
        this.certificate = certificate;
    }

    /**
     * @param address the recipient's address, as given to {@code to}, {@code cc} or {@code bcc}
     *                (the bare address, for example {@code bob@example.com}; compared case-insensitively)
     * @param certificate the recipient's certificate, with an RSA public key
     * @return the pair
     */
    public static RecipientCertificate of(String address, X509Certificate certificate) {
        return new RecipientCertificate(HeaderValues.requireText("encrypt", address).strip().toLowerCase(Locale.ROOT),
                Objects.requireNonNull(certificate, "certificate"));
    }

    /**
     * @param address the recipient's address
     * @param pem the certificate as PEM text ({@code -----BEGIN CERTIFICATE-----})
     * @return the pair
     * @throws InvalidEmailException if the text is not a certificate
     */
    public static RecipientCertificate fromPem(String address, String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return of(address, (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidEmailException("encrypt", ApiMessages.notACertificate(address, e.getMessage()), e);
        }
    }

    /** @return the recipient's bare address, in lower case */
    public String address() {
        return address;
    }

    /** @return the certificate */
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public String toString() {
        return "RecipientCertificate[" + address + ", " + certificate.getSubjectX500Principal() + "]";
    }
}
