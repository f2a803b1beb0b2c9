package io.mailroom.adapter;

import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.AdapterClassLoader;
import io.mailroom.adapter.smtp.SmtpChannel;
import io.mailroom.adapter.smtp.SmtpConnector;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.adapter.smtp.SendOutcome;
import io.mailroom.adapter.mime.ComposedMessage;

import jakarta.mail.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A delivery worker's own SMTP connection: the outbox's bytes go out as they are. */
final class SmtpDeliveryConnection implements DeliveryConnection {
    private final Session session;
    private final SmtpChannel channel;

    SmtpDeliveryConnection(Session session, SmtpConnector connector) {
        this.session = session;
        this.channel = new SmtpChannel(connector);
    }

    @Override
    public RecipientReplies send(OutboxMessage message) {
        return AdapterClassLoader.call(() -> channel.sendToEach(OutboxMessageCodec.fromOutbox(session, message)));
    }

    @Override
    public boolean overlapsMessages() {
        return channel.overlapsMessages();
    }

    @Override
    public void sendInTurn(List<OutboxMessage> messages, SendOutcome.Settled settled) {
        AdapterClassLoader.call(() -> {
            List<ComposedMessage> composed = new ArrayList<>(messages.size());
            List<Integer> positions = new ArrayList<>(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                try {
                    composed.add(OutboxMessageCodec.fromOutbox(session, messages.get(i)));
                    positions.add(i);
                } catch (RuntimeException e) {
                    settled.outcome(i, SendOutcome.failed(e)); // the stored message cannot be parsed: it is not sent
                }
            }
            channel.sendInTurn(composed, (index, outcome) -> settled.outcome(positions.get(index), outcome));
            return null;
        });
    }

    @Override
    public Duration takeConnectTime() {
        return channel.takeConnectTime();
    }

    @Override
    public void close() {
        channel.close();
    }
}
