package io.mailroom.api;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope: the {@code MAIL FROM} address and the {@code RCPT TO} addresses. Used when
 * sending a pre-composed message, whose own headers are left exactly as they are.
 *
 * @param mailFrom the envelope sender (the bounce address); {@code null} means the connection
 *                 factory's {@code defaultFrom}
 * @param recipients the envelope recipients; at least one
 */
public record Envelope(String mailFrom, List<String> recipients) {

    /**
     * @throws InvalidEmailException if there is no recipient or an address contains CR, LF, NUL or
     *         another control character (the adapter checks each is exactly one valid address)
     */
    public Envelope {
        Objects.requireNonNull(recipients, "recipients");
        if (recipients.isEmpty()) {
            throw new InvalidEmailException("recipients", ApiMessages.noRecipient("envelope"));
        }
        recipients = List.copyOf(recipients);
        for (String r : recipients) {
            HeaderValues.requireText("recipients", r);
        }
        HeaderValues.requireSingleLine("mailFrom", mailFrom);
    }

    /**
     * @param mailFrom the envelope sender
     * @param recipients one or more recipients
     * @return the envelope
     */
    public static Envelope of(String mailFrom, String... recipients) {
        return new Envelope(mailFrom, List.of(recipients));
    }
}
