package io.mailroom.cdi;

import io.mailroom.api.Email;
import io.mailroom.api.MailException;
import io.mailroom.api.SendReceipt;

/**
 * What happened to one message of {@link MailSender#sendAll}: a receipt, or the failure.
 *
 * @param email the message
 * @param receipt the server's answer, or {@code null} if it failed
 * @param failure why it failed, or {@code null} if it was sent
 */
public record BulkResult(Email email, SendReceipt receipt, MailException failure) {

    /** @return {@code true} if the server accepted the message */
    public boolean isSent() {
        return failure == null;
    }
}
