package io.mailroom.adapter;

import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.AdapterClassLoader;
import io.mailroom.adapter.smtp.SmtpChannel;
import io.mailroom.adapter.smtp.SmtpConnector;
import io.mailroom.adapter.smtp.RecipientReplies;

import jakarta.mail.Session;
import java.time.Duration;

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
    public Duration takeConnectTime() {
        return channel.takeConnectTime();
    }

    @Override
    public void close() {
        channel.close();
    }
}
