package io.mailroom.adapter;

import io.mailroom.adapter.delivery.StoredMessageSender;
import io.mailroom.adapter.mime.MimeComposer;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.AdapterClassLoader;
import io.mailroom.adapter.smtp.SmtpChannel;
import io.mailroom.adapter.smtp.SmtpConnector;

import io.mailroom.api.SendReceipt;
import jakarta.mail.Session;

/** A delivery worker's own SMTP connection: stored bytes go out as they are. */
final class ChannelSender implements StoredMessageSender {
    private final MimeComposer composer;
    private final SmtpChannel channel;

    ChannelSender(Session session, SmtpConnector connector) {
        this.composer = new MimeComposer(session, connector.settings().defaultFrom());
        this.channel = new SmtpChannel(connector);
    }

    @Override
    public SendReceipt send(OutboxMessage message) {
        return AdapterClassLoader.call(() -> channel.send(composer.composeStored(message)));
    }

    @Override
    public void close() {
        channel.close();
    }
}
