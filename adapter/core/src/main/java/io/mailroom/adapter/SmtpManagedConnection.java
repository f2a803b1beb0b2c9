package io.mailroom.adapter;

import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.SendReceipt;
import jakarta.mail.Session;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled SMTP connection as the server's connection manager sees it. The SMTP connection
 * opens on the first send, not when the pool creates this object.
 *
 * <p>A broken connection (the server unreachable, the socket dead after one reconnect) is
 * reported with {@code CONNECTION_ERROR_OCCURRED}, so the pool discards this managed connection.
 */
final class SmtpManagedConnection implements ManagedConnection {
    private final SmtpManagedConnectionFactory factory;
    private final SmtpSettings settings;
    private final MimeComposer composer;
    private final SmtpChannel channel;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<SmtpConnectionImpl> handles = new CopyOnWriteArraySet<>();
    private PrintWriter logWriter;

    SmtpManagedConnection(SmtpManagedConnectionFactory factory, SmtpSettings settings, Session session) {
        this.factory = factory;
        this.settings = settings;
        this.composer = new MimeComposer(session, settings.defaultFrom());
        this.channel = new SmtpChannel(session, settings);
    }

    SmtpManagedConnectionFactory factory() {
        return factory;
    }

    SendReceipt send(Email email) {
        return AdapterClassLoader.call(() -> deliver(composer.compose(email)));
    }

    SendReceipt sendRaw(InputStream rfc5322, Envelope envelope) {
        return AdapterClassLoader.call(() -> deliver(composer.composeRaw(rfc5322, envelope)));
    }

    private SendReceipt deliver(ComposedMessage message) {
        try {
            return channel.send(message);
        } catch (MailConnectionException e) {
            fireConnectionError(e);
            throw e;
        }
    }

    boolean isUsable() {
        return channel.isUsable();
    }

    void handleClosed(SmtpConnectionImpl handle) {
        if (handles.remove(handle)) {
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
            event.setConnectionHandle(handle);
            listeners.forEach(l -> l.connectionClosed(event));
        }
    }

    private void fireConnectionError(Exception cause) {
        // Handles are dead from now on, so their later close() does not hand this connection back.
        handles.forEach(SmtpConnectionImpl::invalidate);
        handles.clear();
        channel.close();
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        listeners.forEach(l -> l.connectionErrorOccurred(event));
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        SmtpConnectionImpl handle = new SmtpConnectionImpl(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof SmtpConnectionImpl handle)) {
            throw new ResourceException("MAILROOM-2010 cannot associate " + connection + " with an SMTP connection");
        }
        handle.reassign(this);
        handles.add(handle);
    }

    @Override
    public void cleanup() {
        handles.forEach(SmtpConnectionImpl::invalidate);
        handles.clear();
        channel.reset();
    }

    @Override
    public void destroy() {
        handles.forEach(SmtpConnectionImpl::invalidate);
        handles.clear();
        channel.close();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("MAILROOM-2011 this adapter version sends without transactions");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("MAILROOM-2011 this adapter version sends without transactions");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new SmtpManagedConnectionMetaData(settings);
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
