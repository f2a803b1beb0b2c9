package io.mailroom.adapter;

import io.mailroom.api.SendReceipt;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * One SMTP connection, opened on first use and kept open between messages.
 *
 * <p>A connection the server closed while it sat idle in the pool (EOF, or a {@code 421} reply)
 * is replaced transparently: the message is sent again on a new connection, once. A failure on a
 * connection that was just opened is reported, not retried. After {@code maxMessagesPerConnection}
 * messages the connection is closed, and the next message opens a new one.
 */
final class SmtpChannel {
    private static final int OK = 250;

    private final Session session;
    private final SmtpSettings settings;
    private SMTPTransport transport;
    private int messagesOnConnection;

    SmtpChannel(Session session, SmtpSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    /**
     * Sends one message.
     *
     * @throws io.mailroom.api.MailConnectionException if the server cannot be reached
     * @throws io.mailroom.api.MailDeliveryException if the server refused the message
     */
    synchronized SendReceipt send(ComposedMessage message) {
        boolean reused = transport != null;
        try {
            return attempt(message);
        } catch (MessagingException first) {
            if (reused && SmtpFailures.isConnectionLoss(first) && canResend(message)) {
                close();
                try {
                    return attempt(message);
                } catch (MessagingException second) {
                    closeIfBroken(second);
                    throw SmtpFailures.translate(second, settings);
                }
            }
            closeIfBroken(first);
            throw SmtpFailures.translate(first, settings);
        } catch (RuntimeException e) {
            // Failed while writing the message (an attachment unreadable after all): the server
            // is still reading DATA, so this connection must not carry another command.
            close();
            throw e;
        }
    }

    /** @return {@code true} if the connection answers NOOP, or has not been opened yet */
    synchronized boolean isUsable() {
        if (transport == null) {
            return true;
        }
        try {
            return transport.simpleCommand("NOOP") == OK;
        } catch (MessagingException | RuntimeException e) {
            close();
            return false;
        }
    }

    /** Ends any half-finished SMTP transaction (RSET) so the next user starts clean. */
    synchronized void reset() {
        if (transport == null) {
            return;
        }
        try {
            if (transport.simpleCommand("RSET") != OK) {
                close();
            }
        } catch (MessagingException | RuntimeException e) {
            close();
        }
    }

    /** @return {@code true} while an SMTP connection is open */
    synchronized boolean isOpen() {
        return transport != null;
    }

    synchronized void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // Closing a broken connection: nothing more to do.
            }
            transport = null;
        }
    }

    private SendReceipt attempt(ComposedMessage m) throws MessagingException {
        connectIfNeeded();
        List<Address> accepted = Arrays.asList(m.recipients());
        List<String> rejected = List.of();
        try {
            transport.sendMessage(m.message(), m.recipients());
        } catch (SendFailedException partial) {
            Address[] sent = partial.getValidSentAddresses();
            if (sent == null || sent.length == 0) {
                throw partial;
            }
            accepted = Arrays.asList(sent);
            rejected = SmtpFailures.rejectedRecipients(partial);
        }
        SendReceipt receipt = new SendReceipt(SendReceipt.Status.SENT, m.message().getMessageID(),
                transport.getLastServerResponse().strip(), accepted.stream().map(Address::toString).toList(), rejected);
        if (++messagesOnConnection >= settings.maxMessagesPerConnection()) {
            close();
        }
        return receipt;
    }

    private void connectIfNeeded() throws MessagingException {
        if (transport != null) {
            return;
        }
        SMTPTransport fresh = new SMTPTransport(session,
                new URLName("smtp", settings.host(), settings.port(), null, settings.username(), null));
        try {
            fresh.connect(settings.host(), settings.port(), settings.username(), settings.password());
        } catch (MessagingException | RuntimeException e) {
            try {
                fresh.close();
            } catch (MessagingException ignored) {
                // It never opened.
            }
            throw e;
        }
        transport = fresh;
        messagesOnConnection = 0;
    }

    /** A streamed message whose body was partly sent cannot be sent again. */
    private static boolean canResend(ComposedMessage message) {
        return !(message.message() instanceof StreamedMessage streamed) || !streamed.started();
    }

    private void closeIfBroken(MessagingException e) {
        if (SmtpFailures.isConnectionLoss(e)) {
            close();
        }
    }
}
