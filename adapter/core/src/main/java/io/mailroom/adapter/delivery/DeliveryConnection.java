package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.RecipientReplies;
import java.time.Duration;

/** One SMTP connection that a delivery worker owns for its whole life. */
public interface DeliveryConnection extends AutoCloseable {

    /**
     * Sends a stored message as it is, to its recipients.
     *
     * @return what the server said to each recipient; a refused recipient is not an exception
     * @throws io.mailroom.api.MailDeliveryException if the server refused the message as a whole
     * @throws io.mailroom.api.MailConnectionException if the server could not be reached
     */
    RecipientReplies send(OutboxMessage message);

    /**
     * @return how long opening the SMTP connection took if the last {@link #send} opened one, else
     *         {@code null}; reading it clears it
     */
    default Duration takeConnectTime() {
        return null;
    }

    @Override
    void close();
}
