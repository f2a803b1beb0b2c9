package io.mailroom.adapter.signing.smime;

import io.mailroom.adapter.mime.RawMessage;
import java.io.IOException;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * S/MIME (RFC 8551) with Bouncy Castle: signs a message ({@code multipart/signed}, detached, so a
 * client without S/MIME still shows it), encrypts it (CMS enveloped data, AES-256), or signs then
 * encrypts. The outer headers (From, To, Subject, Date, Message-ID) stay as composed.
 *
 * <p>Bouncy Castle's CMS generators make the signature and the envelope; {@link SmimeEntity} writes
 * the MIME around them. The Bouncy Castle provider is passed to each builder, never installed in the JVM's provider
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
            throws OperatorCreationException, CertificateEncodingException, CMSException, IOException {
        RawMessage parsed = RawMessage.parse(message);
        byte[] entity = SmimeWriter.content(message, parsed);
        if (sign) {
            entity = SmimeEntity.signed(entity, signature(entity));
        }
        if (!recipients.isEmpty()) {
            entity = SmimeEntity.enveloped(envelope(entity, recipients), encryption == SmimeEncryption.AES256_GCM);
        }
        return SmimeWriter.join(SmimeWriter.outerHeaders(parsed), entity);
    }

    /** A detached CMS SignedData over the entity's bytes, with the signer's chain. */
    private byte[] signature(byte[] entity)
            throws OperatorCreationException, CertificateEncodingException, CMSException, IOException {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        String algorithm = key.key() instanceof RSAPrivateKey ? "SHA256withRSA" : "SHA256withECDSA";
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(Bc.PROVIDER)
                .build(algorithm, key.key(), key.certificate()));
        generator.addCertificates(new JcaCertStore(key.chain()));
        return generator.generate(new CMSProcessableByteArray(entity), false).getEncoded();
    }

    /** CMS EnvelopedData (AES-256-CBC) or AuthEnvelopedData (AES-256-GCM) of the entity to each recipient. */
    private byte[] envelope(byte[] entity, List<X509Certificate> recipients)
            throws CertificateEncodingException, CMSException, IOException {
        boolean gcm = encryption == SmimeEncryption.AES256_GCM;
        OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(gcm ? CMSAlgorithm.AES256_GCM
                : CMSAlgorithm.AES256_CBC).setProvider(Bc.PROVIDER).build();
        CMSProcessableByteArray content = new CMSProcessableByteArray(entity);
        if (gcm) {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            recipients(recipients).forEach(generator::addRecipientInfoGenerator);
            return generator.generate(content, (OutputAEADEncryptor) encryptor).getEncoded();
        }
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        recipients(recipients).forEach(generator::addRecipientInfoGenerator);
        return generator.generate(content, encryptor).getEncoded();
    }

    private static List<RecipientInfoGenerator> recipients(List<X509Certificate> certificates)
            throws CertificateEncodingException {
        List<RecipientInfoGenerator> generators = new ArrayList<>(certificates.size());
        for (X509Certificate certificate : certificates) {
            generators.add(new JceKeyTransRecipientInfoGenerator(certificate).setProvider(Bc.PROVIDER));
        }
        return generators;
    }

    /** Made on first use: a factory that never signs or encrypts never loads the provider. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
