package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.RecipientReplies;

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

    @Override
    void close();
}
