package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.SmtpSettings;

import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailDeliveryException;
import io.mailroom.api.MailException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/** Sorts Angus Mail's exceptions into Mailroom's: connection problems, refusals, bad credentials. */
final class SmtpFailures {
    /** Angus reports a connection closed by the server as reply code -1 ("[EOF]"). */
    private static final int EOF = -1;
    private static final int SERVICE_CLOSING = 421;

    private SmtpFailures() {
    }

    /**
     * @return {@code true} if the connection itself is gone (EOF, 421, an I/O error), so a fresh
     *         connection may succeed where this one failed
     */
    static boolean isConnectionLoss(MessagingException e) {
        if (e instanceof SMTPSendFailedException s && (s.getReturnCode() == EOF || s.getReturnCode() == SERVICE_CLOSING)) {
            return true;
        }
        // Angus (lockstep) reports a connection closed instead of a RCPT reply as a refused address with code -1.
        if (e instanceof SMTPAddressFailedException a && (a.getReturnCode() == SERVICE_CLOSING || a.getReturnCode() == EOF)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static MailException translate(MessagingException e, SmtpSettings settings) {
        if (e instanceof MailConnectException c) {
            return new MailConnectionException(settings.host(), settings.port(),
                    SmtpMessages.cannotConnect(settings.address(), c.getConnectionTimeout(), rootMessage(e)), e);
        }
        if (isConnectionLoss(e)) {
            return new MailConnectionException(settings.host(), settings.port(),
                    SmtpMessages.connectionLost(settings.address(), rootMessage(e)), e);
        }
        List<RecipientReplies.Refusal> refusals = refusals(e);
        if (!refusals.isEmpty() && e instanceof SendFailedException s && isEmpty(s.getValidSentAddresses())) {
            return allRefused(refusals, settings, e);
        }
        if (e instanceof SMTPSendFailedException s) {
            return MailDeliveryException.of(s.getReturnCode(), reply(s),
                    SmtpMessages.refused(settings.address(), s.getReturnCode(), reply(s)), e);
        }
        return new MailConnectionException(settings.host(), settings.port(),
                SmtpMessages.connectionLost(settings.address(), rootMessage(e)), e);
    }

    /**
     * Every recipient refused, for a caller that gets one exception: if any refusal is transient
     * (4xx) the exception is, since trying again may reach that recipient; each recipient's reply
     * is in the message.
     */
    static MailException allRefused(List<RecipientReplies.Refusal> refusals, SmtpSettings settings, Throwable cause) {
        RecipientReplies.Refusal decisive = refusals.stream().filter(RecipientReplies.Refusal::isTransient).findFirst()
                .orElse(refusals.get(0));
        String reasons = String.join("; ", refusals.stream().map(RecipientReplies.Refusal::toString).toList());
        return MailDeliveryException.of(decisive.code(), reasons, SmtpMessages.allRecipientsRefused(settings.address(), reasons),
                cause);
    }

    /** @return each recipient the server refused, with its own reply code and reply */
    static List<RecipientReplies.Refusal> refusals(MessagingException e) {
        List<RecipientReplies.Refusal> refused = new ArrayList<>();
        for (SMTPAddressFailedException a : addressFailures(e)) {
            refused.add(new RecipientReplies.Refusal(plain(a.getAddress()), a.getReturnCode(), a.getMessage().strip()));
        }
        return refused;
    }

    /** @return the bare address, as the outbox keeps recipients */
    static String plain(Address address) {
        return address instanceof InternetAddress internet ? internet.getAddress() : String.valueOf(address);
    }

    private static List<SMTPAddressFailedException> addressFailures(MessagingException e) {
        List<SMTPAddressFailedException> failures = new ArrayList<>();
        for (Exception next = e; next instanceof MessagingException m; next = m.getNextException()) {
            if (m instanceof SMTPAddressFailedException a) {
                failures.add(a);
            }
        }
        return failures;
    }

    private static boolean isEmpty(Object[] array) {
        return array == null || array.length == 0;
    }

    private static String reply(SMTPSendFailedException s) {
        return s.getMessage() == null ? "" : s.getMessage().strip();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
