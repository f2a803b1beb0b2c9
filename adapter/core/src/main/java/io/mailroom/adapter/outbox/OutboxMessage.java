package io.mailroom.adapter.outbox;

import java.util.List;
import java.util.Objects;

/**
 * One message as the outbox stores it: the complete RFC 5322 bytes, already composed, and the
 * SMTP envelope.
 *
 * @param mailFrom the envelope sender ({@code MAIL FROM}); may be {@code null} for the null
 *                 reverse-path
 * @param recipients the envelope recipients ({@code RCPT TO}); at least one
 * @param messageId the {@code Message-ID} header, for receipts, events and logs
 * @param mime the complete message, headers and body
 */
public record OutboxMessage(String mailFrom, List<String> recipients, String messageId, byte[] mime) {
    public OutboxMessage {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(mime, "mime");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients is empty");
        }
    }

    @Override
    public String toString() {
        return "OutboxMessage[" + messageId + ", from=" + mailFrom + ", to=" + recipients + ", " + mime.length + " bytes]";
    }
}
