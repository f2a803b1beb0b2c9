package io.mailroom.cdi;

import io.mailroom.api.SendReceipt;

/**
 * The SMTP server accepted a message: sent now, or delivered from the outbox after commit.
 * Delivery from the outbox is reported on a managed thread of the application.
 *
 * @param sender the sender's name ({@code default} for the unnamed one)
 * @param messageId the message's {@code Message-ID}
 * @param receipt the server's reply and the accepted and refused recipients
 */
public record MailSent(String sender, String messageId, SendReceipt receipt) {
}
