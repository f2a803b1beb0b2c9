package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.OutboxMessage;

import io.mailroom.api.SendReceipt;

/** One SMTP connection that a delivery worker owns for its whole life. */
public interface DeliveryConnection extends AutoCloseable {

    /**
     * Sends a stored message as it is.
     *
     * @throws io.mailroom.api.MailDeliveryException if the server refused it
     * @throws io.mailroom.api.MailConnectionException if the server could not be reached
     */
    SendReceipt send(OutboxMessage message);

    @Override
    void close();
}
