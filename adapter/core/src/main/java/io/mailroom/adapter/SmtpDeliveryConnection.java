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
    public List<SendOutcome> sendInTurn(List<OutboxMessage> messages) {
        return AdapterClassLoader.call(() -> {
            List<ComposedMessage> composed = new ArrayList<>(messages.size());
            List<SendOutcome> unreadable = new ArrayList<>(messages.size());
            for (OutboxMessage message : messages) {
                try {
                    composed.add(OutboxMessageCodec.fromOutbox(session, message));
                    unreadable.add(null);
                } catch (RuntimeException e) {
                    unreadable.add(SendOutcome.failed(e)); // the stored message cannot be parsed: it is not sent
                }
            }
            List<SendOutcome> sent = channel.sendInTurn(composed);
            List<SendOutcome> outcomes = new ArrayList<>(messages.size());
            int next = 0;
            for (SendOutcome u : unreadable) {
                outcomes.add(u != null ? u : sent.get(next++));
            }
            return outcomes;
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
