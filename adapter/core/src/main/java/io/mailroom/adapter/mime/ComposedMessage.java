package io.mailroom.adapter.mime;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message ready for the SMTP transport, with its envelope recipients (which include Bcc).
 *
 * @param message the message, with {@code Message-ID} set
 * @param recipients the envelope recipients
 */
public record ComposedMessage(MimeMessage message, Address[] recipients) {
}
