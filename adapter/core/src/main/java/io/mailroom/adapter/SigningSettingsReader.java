package io.mailroom.adapter;

import io.mailroom.adapter.signing.MessageSigner;
import io.mailroom.adapter.signing.dkim.DkimSettings;
import io.mailroom.adapter.signing.dkim.DkimSigner;
import io.mailroom.adapter.signing.smime.RecipientCertificates;
import io.mailroom.adapter.signing.smime.Smime;
import io.mailroom.adapter.signing.smime.SmimeEncryption;
import io.mailroom.adapter.signing.smime.SmimeKey;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads and checks the S/MIME and DKIM settings of a {@link SmtpManagedConnectionFactory} and
 * loads their keys, once per factory, when the connection factory is created: a key store that
 * cannot be read fails the deployment, naming the setting. Passwords never appear in a message.
 */
final class SigningSettingsReader {
    private SigningSettingsReader() {
    }

    static MessageSigner read(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        try {
            String keyStore = SecuritySettingsReader.blankToNull(f.getSmimeKeyStore());
            String password = SecuritySettingsReader.blankToNull(f.getSmimeKeyStorePassword());
            SmimeKey key = keyStore == null ? null : SmimeKey.load(Path.of(keyStore.strip()), f.getSmimeKeyStoreType(),
                    password == null ? null : password.toCharArray(), SecuritySettingsReader.blankToNull(f.getSmimeKeyAlias()));
            String encryption = SecuritySettingsReader.blankToNull(f.getSmimeEncryption());
            Smime smime = new Smime(key, encryption == null ? SmimeEncryption.AES256_CBC : SmimeEncryption.of(encryption));
            RecipientCertificates certificates = new RecipientCertificates(
                    SecuritySettingsReader.blankToNull(f.getSmimeCertificateProvider()));
            DkimSettings dkim = DkimSettings.parse(f.getDkimKeys(), f.getDkimHeaders(),
                    Boolean.TRUE.equals(f.getDkimOversign()), f.getDkimCanonicalization());
            return new MessageSigner(smime, certificates, new DkimSigner(dkim, Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            InvalidPropertyException invalid = new InvalidPropertyException(e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }
}
