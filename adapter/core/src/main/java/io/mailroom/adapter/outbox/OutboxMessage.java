package io.mailroom.adapter.outbox;

import java.util.List;
import java.util.Objects;

/**
 * One message as the outbox stores it: the complete RFC 5322 bytes, already composed, and the
 * SMTP envelope.
 *
 * <p>The bytes are a {@link MessageBody}: in memory for a composed message, a spool file for a
 * message given as a stream inside a transaction, the outbox's own storage for an entry read
 * back. An outbox streams the body into its storage ({@link MessageBody#open()}) and hands
 * entries out with bodies that stream from it, so no message has to fit in the heap.
 *
 * @param mailFrom the envelope sender ({@code MAIL FROM}); may be {@code null} for the null
 *                 reverse-path
 * @param recipients the envelope recipients ({@code RCPT TO}); at least one
 * @param messageId the {@code Message-ID} header, for receipts, events and logs
 * @param body the complete message, headers and body
 */
public record OutboxMessage(String mailFrom, List<String> recipients, String messageId, MessageBody body) {
    public OutboxMessage {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(body, "body");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("recipients is empty");
        }
    }

    /** A message whose bytes are in memory ({@link MessageBody#of(byte[])}, not copied). */
    public OutboxMessage(String mailFrom, List<String> recipients, String messageId, byte[] mime) {
        this(mailFrom, recipients, messageId, MessageBody.of(mime));
    }

    /** @return the same message to other recipients, sharing the body */
    public OutboxMessage withRecipients(List<String> others) {
        return new OutboxMessage(mailFrom, others, messageId, body);
    }

    /**
     * Reads the whole message into memory ({@link MessageBody#bytes()}): for small messages and
     * tests. The outbox and the delivery stream {@link #body()} instead.
     */
    public byte[] mime() {
        return body.bytes();
    }

    @Override
    public String toString() {
        return "OutboxMessage[" + messageId + ", from=" + mailFrom + ", to=" + recipients + ", " + body.size() + " bytes]";
    }
}
