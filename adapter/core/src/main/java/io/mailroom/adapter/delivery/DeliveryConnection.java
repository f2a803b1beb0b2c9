package io.mailroom.adapter.delivery;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.adapter.smtp.SendOutcome;
import java.time.Duration;
import java.util.List;

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
     * @return {@code true} if {@link #sendInTurn} sends several messages in fewer round trips than one
     *         by one, now
     */
    default boolean overlapsMessages() {
        return false;
    }

    /**
     * Sends the messages one after another; each outcome is what {@link #send} would have returned
     * or thrown for it, told as soon as it is known. An SMTP connection may overlap them on the wire
     * (see {@link io.mailroom.adapter.smtp.SmtpChannel#sendInTurn}); this default sends them one by one.
     */
    default void sendInTurn(List<OutboxMessage> messages, SendOutcome.Settled settled) {
        for (int i = 0; i < messages.size(); i++) {
            OutboxMessage message = messages.get(i);
            settled.outcome(i, SendOutcome.of(() -> send(message)));
        }
    }

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
