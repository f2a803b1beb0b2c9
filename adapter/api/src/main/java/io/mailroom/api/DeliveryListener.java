package io.mailroom.api;

import java.time.Instant;

/**
 * Told what happens to queued mail after its transaction commits. Register one with {@link
 * MailConnectionFactory#addDeliveryListener}; the CDI extension turns these calls into CDI events.
 * Called on a delivery thread of the adapter: return quickly and do not throw.
 */
public interface DeliveryListener {

    /**
     * The SMTP server accepted a queued message.
     *
     * @param messageId the message's {@code Message-ID}
     * @param receipt the server's reply and the accepted and refused recipients
     */
    default void sent(String messageId, SendReceipt receipt) {
    }

    /**
     * A delivery attempt failed transiently (4xx, a network error); it will be tried again.
     *
     * @param messageId the message's {@code Message-ID}
     * @param reason the server's reply or the network error
     * @param nextAttempt when it will be tried again
     */
    default void deferred(String messageId, String reason, Instant nextAttempt) {
    }

    /**
     * The message was given up and moved to the dead-letter store: a permanent refusal (5xx),
     * recipients refused, or too old to retry.
     *
     * @param messageId the message's {@code Message-ID}
     * @param reason the server's full reply, or why it expired
     */
    default void failed(String messageId, String reason) {
    }

    /**
     * A delivery attempt finished, with its timings; called after {@link #sent}, {@link #deferred}
     * or {@link #failed} for the same attempt. For metrics and traces.
     *
     * @param attempt what happened and when
     */
    default void attempted(DeliveryAttempt attempt) {
    }
}
