package io.mailroom.adapter.smtp;

import io.mailroom.adapter.wire.EnvelopeAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import io.mailroom.adapter.smtp.pipelining.PipeliningTransport;
import java.nio.charset.StandardCharsets;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Angus Mail's SMTP transport with two guards Angus lacks, both checked before any credential is
 * sent: no SASL mechanism is used on an unencrypted connection unless plaintext authentication
 * is allowed, and a missing STARTTLS is noted so the failure can be named. It also remembers the
 * mechanism it authenticated with, for messages. Messages go out pipelined where the server allows
 * (see {@link PipeliningTransport}).
 *
 * <p>Every command line goes through {@link EnvelopeAddress#commandBytes} (no control, non-ASCII
 * only as UTF-8 in an SMTPUTF8 transaction), and {@code MAIL FROM} is built there too, with the
 * {@code SMTPUTF8} parameter only for a message that needs it. Both reach the pipelining transport
 * as strings of one char per byte, so it collects or sends exactly those bytes.
 */
final class GuardedTransport extends PipeliningTransport {
    private final boolean allowPlaintextAuth;
    private boolean plaintextAuthRefused;
    private boolean startTlsMissing;
    private String mechanism;
    /** The envelope of the message being sent; only set inside {@link #send}. */
    private String envelopeFrom;
    private Address[] envelopeTo;
    private boolean smtpUtf8;

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

    /**
     * Sends one message with the envelope given, not one Angus derives from the headers.
     *
     * @param smtpUtf8 whether the message needs SMTPUTF8; the caller checked the server offers it
     */
    synchronized void send(MimeMessage message, Address[] recipients, String mailFrom, boolean smtpUtf8)
            throws MessagingException {
        this.envelopeFrom = mailFrom;
        this.envelopeTo = recipients;
        this.smtpUtf8 = smtpUtf8;
        try {
            sendMessage(message, recipients);
        } finally {
            this.envelopeFrom = null;
            this.envelopeTo = null;
            this.smtpUtf8 = false;
        }
    }

    @Override
    protected void mailFrom() throws MessagingException {
        if (envelopeFrom == null) {
            throw new MessagingException(SmtpMessages.noEnvelopeSender());
        }
        byte[] command = EnvelopeAddress.mailFrom(envelopeFrom, smtpUtf8);
        // Not simpleCommand(byte[]): through sendCommand/readServerResponse the pipelining transport
        // can collect MAIL FROM with the rest of the envelope. One char per byte: written as they are.
        super.sendCommand(new String(command, StandardCharsets.ISO_8859_1));
        int code = readServerResponse();
        if (code != 250) {
            throw new SMTPSendFailedException(new String(command, StandardCharsets.UTF_8), code, getLastServerResponse(),
                    null, null, envelopeTo, null);
        }
    }

    /**
     * RCPT TO (built by Angus from the checked address), and every other command, pass here.
     * Angus writes each char of the string as its low byte (without {@code mail.mime.allowutf8},
     * which would log at INFO on every connection to a server without SMTPUTF8): handed the
     * bytes {@link EnvelopeAddress#commandBytes} chose, one char per byte, it writes exactly them.
     */
    @Override
    protected void sendCommand(String command) throws MessagingException {
        super.sendCommand(new String(EnvelopeAddress.commandBytes(command, smtpUtf8), StandardCharsets.ISO_8859_1));
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
