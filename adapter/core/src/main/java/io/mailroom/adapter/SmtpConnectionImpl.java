package io.mailroom.adapter;

import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.MailException;
import io.mailroom.api.MailConnection;
import io.mailroom.api.SendReceipt;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * The handle an application holds. No logic: it checks that it is still valid and delegates to
 * its managed connection.
 */
final class SmtpConnectionImpl implements MailConnection {
    private volatile SmtpManagedConnection managed;

    SmtpConnectionImpl(SmtpManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public SendReceipt send(Email email) {
        Objects.requireNonNull(email, "email");
        return current().send(email);
    }

    @Override
    public SendReceipt sendRaw(byte[] rfc5322, Envelope envelope) {
        Objects.requireNonNull(rfc5322, "rfc5322");
        return sendRaw(new SharedByteArrayInputStream(rfc5322), envelope);
    }

    @Override
    public SendReceipt sendRaw(InputStream rfc5322, Envelope envelope) {
        Objects.requireNonNull(rfc5322, "rfc5322");
        Objects.requireNonNull(envelope, "envelope");
        return current().sendRaw(rfc5322, envelope);
    }

    @Override
    public SendReceipt sendMsg(InputStream msg, Envelope envelope) {
        Objects.requireNonNull(msg, "msg");
        return current().sendMsg(msg, envelope);
    }

    @Override
    public SendReceipt enqueue(Email email) {
        Objects.requireNonNull(email, "email");
        return current().enqueue(email);
    }

    @Override
    public void close() {
        SmtpManagedConnection mc = managed;
        managed = null;
        if (mc != null) {
            mc.handleClosed(this);
        }
    }

    void invalidate() {
        managed = null;
    }

    void reassign(SmtpManagedConnection to) {
        managed = to;
    }

    private SmtpManagedConnection current() {
        SmtpManagedConnection mc = managed;
        if (mc == null) {
            throw new MailException(Messages.handleClosed());
        }
        return mc;
    }
}
