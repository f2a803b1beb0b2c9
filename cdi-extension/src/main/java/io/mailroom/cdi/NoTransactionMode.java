package io.mailroom.cdi;

import java.util.Locale;

/** What {@link MailSender#send} does outside a transaction ({@code mailroom.no-transaction}). */
enum NoTransactionMode {
    /** Write to the outbox durably and deliver in the background (the default). */
    ENQUEUE,
    /** Send at once, like {@link MailSender#sendNow}. */
    SEND_NOW;

    static final String ALLOWED = "enqueue or send-now";

    /** @return the mode for {@code enqueue} or {@code send-now}, or {@code null} for anything else */
    static NoTransactionMode parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "enqueue" -> ENQUEUE;
            case "send-now" -> SEND_NOW;
            default -> null;
        };
    }
}
