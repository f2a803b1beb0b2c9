package io.mailroom.adapter.smtp.pipelining;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * The replies to a pipelined envelope, sorted into the exceptions Angus Mail's lockstep
 * {@code mailFrom()} and {@code rcptTo()} throw for the same replies, so that everything above the
 * transport sees no difference. Written by hand: Angus sorts replies while it reads them, one
 * command at a time, and has no method that sorts replies read elsewhere. The rules are Angus 2.0's:
 * a recipient answered 2xx is accepted; 550, 553, 503, 551, 501 and any other 5xx is invalid;
 * 552, 450, 451, 452 and any other 4xx is valid but unsent; any other code ends the transaction.
 */
final class EnvelopeReplies {
    private final Reply mail;
    private final List<InternetAddress> valid = new ArrayList<>();
    private final List<InternetAddress> validUnsent = new ArrayList<>();
    private final List<InternetAddress> invalid = new ArrayList<>();
    private final List<InternetAddress> all;
    private MessagingException chain;
    private SMTPAddressFailedException unexpected;
    private Reply lost;

    /**
     * @param mail the reply to {@code MAIL FROM}
     * @param rcpts the replies to the {@code RCPT TO} commands, in order
     * @param addresses the recipient of each {@code RCPT TO}, in the same order
     */
    EnvelopeReplies(Reply mail, List<Reply> rcpts, List<InternetAddress> addresses) {
        this.mail = mail;
        this.all = addresses;
        if (mail.eof()) {
            lost = mail;
        }
        for (int i = 0; i < rcpts.size(); i++) {
            sort(rcpts.get(i), addresses.get(i));
        }
    }

    private void sort(Reply r, InternetAddress address) {
        if (r.eof()) {
            lost = lost == null ? r : lost;
        } else if (r.positive()) {
            valid.add(address);
        } else if (r.code() >= 500 && r.code() <= 599) {
            invalid.add(address);
            link(new SMTPAddressFailedException(address, r.command(), r.code(), r.text()));
        } else if (r.code() >= 400 && r.code() <= 499) {
            validUnsent.add(address);
            link(new SMTPAddressFailedException(address, r.command(), r.code(), r.text()));
        } else if (unexpected == null) {
            unexpected = new SMTPAddressFailedException(address, r.command(), r.code(), r.text());
        }
    }

    private void link(MessagingException e) {
        if (chain == null) {
            chain = e;
        } else {
            chain.setNextException(e);
        }
    }

    /** @return how many recipients the server accepted: the ones a message would go to */
    int accepted() {
        return valid.size();
    }

    /**
     * @param sendPartial {@code mail.smtp.sendpartial}: go on if at least one recipient was accepted
     * @return what Angus would throw before the message content, or {@code null} if the content goes out
     */
    MessagingException failureBeforeContent(boolean sendPartial) {
        if (lost != null) {
            return connectionLost(lost);
        }
        if (mail.code() != 250) {
            SMTPSendFailedException e = new SMTPSendFailedException(mail.command(), mail.code(), mail.text(), null,
                    null, array(all), null);
            if (List.of(550, 553, 503, 551, 501).contains(mail.code())) {
                try {
                    e.setNextException(new SMTPSenderFailedException(new InternetAddress(sender()), mail.command(),
                            mail.code(), mail.text()));
                } catch (AddressException ignored) {
                    // As Angus: no sender exception for a sender it cannot parse.
                }
            }
            return e;
        }
        if (unexpected != null) {
            return unexpected;
        }
        boolean someFailed = !invalid.isEmpty() || !validUnsent.isEmpty();
        if (valid.isEmpty() || (someFailed && !sendPartial)) {
            List<InternetAddress> unsent = new ArrayList<>(valid);
            unsent.addAll(validUnsent);
            return new SendFailedException("Invalid Addresses", chain, null, array(unsent), array(invalid));
        }
        return null;
    }

    /** @return what Angus throws when the content command ({@code DATA}, the final dot, {@code BDAT}) is refused */
    MessagingException contentRefused(Reply r) {
        if (r.eof()) {
            return connectionLost(r);
        }
        List<InternetAddress> unsent = new ArrayList<>(valid);
        unsent.addAll(validUnsent);
        return new SMTPSendFailedException(r.command(), r.code(), r.text(), partial() ? chain : null, null,
                array(unsent), array(invalid));
    }

    /** @return what Angus throws after a message went to some recipients only, or {@code null} if it went to all */
    MessagingException partialFailure(int code, String text) {
        if (!partial()) {
            return null;
        }
        return new SMTPSendFailedException(".", code, text, chain, array(valid), array(validUnsent), array(invalid));
    }

    private boolean partial() {
        return !invalid.isEmpty() || !validUnsent.isEmpty();
    }

    /** Angus reports a closed connection as reply code -1, which Mailroom reads as a lost connection. */
    private MessagingException connectionLost(Reply r) {
        return new SMTPSendFailedException(r.command(), Reply.EOF, r.text(), null, null, array(all), null);
    }

    private String sender() {
        String c = mail.command();
        int open = c.indexOf('<');
        int close = c.indexOf('>', open + 1);
        return open >= 0 && close > open ? c.substring(open + 1, close) : c;
    }

    private static Address[] array(List<InternetAddress> list) {
        return list.toArray(new Address[0]);
    }
}
