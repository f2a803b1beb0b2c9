package io.mailroom.adapter.signing.smime;

import java.util.Locale;

/** The content cipher of S/MIME encrypted mail: the {@code smimeEncryption} setting. */
public enum SmimeEncryption {
    /** CMS EnvelopedData with AES-256-CBC (RFC 8551's must-support; read by every S/MIME client). */
    AES256_CBC,
    /** CMS AuthEnvelopedData with AES-256-GCM (RFC 5083, 5084): authenticated; newer clients only. */
    AES256_GCM;

    /**
     * @param text the setting's value, in any case, {@code -} or {@code _}
     * @return the cipher
     * @throws IllegalArgumentException naming the setting
     */
    public static SmimeEncryption of(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SmimeMessages.badEncryption(text), e);
        }
    }
}
