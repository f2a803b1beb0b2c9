package io.mailroom.adapter.signing.smime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.mail.smime.SMIMEAuthEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMEException;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * S/MIME (RFC 8551) with Bouncy Castle: signs a message ({@code multipart/signed}, detached, so a
 * client without S/MIME still shows it), encrypts it (CMS enveloped data, AES-256), or signs then
 * encrypts. The outer headers (From, To, Subject, Date, Message-ID) stay as composed.
 *
 * <p>The Bouncy Castle provider is passed to each builder, never installed in the JVM's provider
 * list: the adapter shares the server's JVM and must not change it for other applications.
 */
public final class Smime {
    private final SmimeKey key;
    private final SmimeEncryption encryption;

    /**
     * @param key the signing key and chain; null if the factory has none (then signing fails per message)
     * @param encryption the content cipher
     */
    public Smime(SmimeKey key, SmimeEncryption encryption) {
        this.key = key;
        this.encryption = encryption;
    }

    /** @return {@code true} if the factory has a signing key */
    public boolean canSign() {
        return key != null;
    }

    /**
     * @param message the composed message, CRLF line ends
     * @param sign whether to sign
     * @param recipients the certificates to encrypt to; empty for no encryption
     * @return the new message
     */
    public byte[] apply(byte[] message, boolean sign, List<X509Certificate> recipients)
            throws MessagingException, IOException, SMIMEException, OperatorCreationException,
            CertificateEncodingException, CMSException {
        String outer = SmimeWriter.outerHeaders(message);
        MimeBodyPart content = SmimeWriter.content(message);
        Object result = content;
        if (sign) {
            MimeMultipart signed = sign(content);
            if (recipients.isEmpty()) {
                return SmimeWriter.join(outer, signed);
            }
            content = new MimeBodyPart();
            content.setContent(signed);
        }
        if (!recipients.isEmpty()) {
            result = encrypt(content, recipients);
        }
        return SmimeWriter.join(outer, result);
    }

    private MimeMultipart sign(MimeBodyPart content)
            throws OperatorCreationException, CertificateEncodingException, SMIMEException {
        SMIMESignedGenerator generator = new SMIMESignedGenerator();
        String algorithm = key.key() instanceof RSAPrivateKey ? "SHA256withRSA" : "SHA256withECDSA";
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(Bc.PROVIDER)
                .build(algorithm, key.key(), key.certificate()));
        generator.addCertificates(new JcaCertStore(key.chain()));
        return generator.generate(content);
    }

    private MimeBodyPart encrypt(MimeBodyPart content, List<X509Certificate> recipients)
            throws CertificateEncodingException, CMSException, SMIMEException {
        boolean gcm = encryption == SmimeEncryption.AES256_GCM;
        SMIMEEnvelopedGenerator generator = gcm ? new SMIMEAuthEnvelopedGenerator() : new SMIMEEnvelopedGenerator();
        for (X509Certificate certificate : recipients) {
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(certificate).setProvider(Bc.PROVIDER));
        }
        return generator.generate(content, new JceCMSContentEncryptorBuilder(gcm ? CMSAlgorithm.AES256_GCM
                : CMSAlgorithm.AES256_CBC).setProvider(Bc.PROVIDER).build());
    }

    /** Made on first use: a factory that never signs or encrypts never loads the provider. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
