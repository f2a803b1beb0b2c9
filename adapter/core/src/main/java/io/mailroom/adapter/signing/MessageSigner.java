package io.mailroom.adapter.signing;

import io.mailroom.adapter.signing.dkim.DkimSigner;
import io.mailroom.adapter.signing.smime.RecipientCertificates;
import io.mailroom.adapter.signing.smime.Smime;
import io.mailroom.adapter.mime.ComposedMessage;
import io.mailroom.adapter.mime.RawMessage;
import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import java.util.List;

/**
 * Everything a connection factory does to a composed message before it goes out: S/MIME (sign,
 * encrypt, or both, as the {@link Email} asks), then DKIM with the factory's keys for the From
 * domain. The result is the exact bytes that go on the wire and, through the outbox, into the
 * journal: nothing may change them afterwards.
 */
public final class MessageSigner {
    private final Smime smime;
    private final RecipientCertificates certificates;
    private final DkimSigner dkim;

    public MessageSigner(Smime smime, RecipientCertificates certificates, DkimSigner dkim) {
        this.smime = smime;
        this.certificates = certificates;
        this.dkim = dkim;
    }

    /**
     * @param email the message as the application built it
     * @return {@code true} if {@link #sign} changes it: S/MIME asked for, or DKIM keys configured
     */
    public boolean appliesTo(Email email) {
        return email.signed() || email.encrypted() || dkim.isEnabled();
    }

    /**
     * Checks what can fail for the message's own reasons (a missing recipient certificate, no
     * signing key) before any cryptography, so a bad message fails at the call with nothing done.
     *
     * @param email the message
     * @param recipients every envelope recipient's bare address
     * @return the certificates to encrypt to; empty if the message is not encrypted
     */
    public List<X509Certificate> prepare(Email email, List<String> recipients) {
        if (email.signed() && !smime.canSign()) {
            throw new InvalidEmailException("sign", SigningMessages.noSigningKey());
        }
        return email.encrypted() ? certificates.resolve(email.recipientCertificates(), recipients) : List.of();
    }

    /**
     * @param composed the composed message (any line ends)
     * @param email the message as built, for its S/MIME choices
     * @param encryptTo what {@link #prepare} returned
     * @param fromDomain the domain of the From address, which picks the DKIM keys
     * @return the bytes to send and store, CRLF line ends
     */
    public byte[] sign(byte[] composed, Email email, List<X509Certificate> encryptTo, String fromDomain) {
        byte[] message = RawMessage.crlf(composed);
        try {
            if (email.signed() || !encryptTo.isEmpty()) {
                message = RawMessage.crlf(smime.apply(message, email.signed(), encryptTo));
            }
        } catch (Exception e) {
            throw new MailException(SigningMessages.smimeFailed(email.signed(), e), e);
        }
        try {
            return dkim.isEnabled() ? dkim.sign(message, fromDomain) : message;
        } catch (IllegalStateException e) {
            throw new MailException(e.getMessage() + "; nothing was sent", e);
        }
    }

    /**
     * S/MIME and DKIM, as the message and the factory ask: the result is a message over the exact
     * bytes that go on the wire (and into the outbox). Without either, the message is returned as is.
     */
    public ComposedMessage sign(ComposedMessage composed, Email email, Session session) {
        if (!appliesTo(email)) {
            return composed;
        }
        List<String> recipients = Arrays.stream(composed.recipients()).map(a -> ((InternetAddress) a).getAddress()).toList();
        List<X509Certificate> encryptTo = prepare(email, recipients);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            composed.message().writeTo(bytes);
            String from = ((InternetAddress) composed.message().getFrom()[0]).getAddress();
            byte[] signed = sign(bytes.toByteArray(), email, encryptTo, from.substring(from.lastIndexOf('@') + 1));
            return new ComposedMessage(new SMTPMessage(session, new SharedByteArrayInputStream(signed)), composed.recipients(),
                    composed.mailFrom(), composed.utf8Field());
        } catch (MessagingException | IOException e) {
            throw new InvalidEmailException("message", SigningMessages.notWritten(e.getMessage()), e);
        }
    }
}
