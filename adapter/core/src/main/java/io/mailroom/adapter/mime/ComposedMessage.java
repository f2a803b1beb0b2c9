package io.mailroom.adapter.mime;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message ready for the SMTP transport, with its envelope (recipients include Bcc).
 *
 * @param message the message, with {@code Message-ID} set
 * @param recipients the envelope recipients, each checked by {@link io.mailroom.adapter.wire.EnvelopeAddress}
 * @param mailFrom the envelope sender, an addr-spec
 * @param utf8Field the first field with a non-ASCII address, so the message needs a server that
 *                  offers SMTPUTF8; {@code null} if every address is ASCII
 */
public record ComposedMessage(MimeMessage message, Address[] recipients, String mailFrom, String utf8Field) {
}
