package io.mailroom.adapter;

import io.mailroom.adapter.method.DeliveryMethods;

import io.mailroom.adapter.delivery.DeliveryConnection;

import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.mime.ComposedMessage;
import io.mailroom.adapter.mime.MimeComposer;
import io.mailroom.adapter.mime.MimeMessages;
import io.mailroom.adapter.mime.StreamedMessage;
import io.mailroom.adapter.mime.msg.OutlookMessage;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.AdapterClassLoader;
import io.mailroom.adapter.smtp.SmtpChannel;
import io.mailroom.adapter.signing.MessageSigner;
import io.mailroom.adapter.tx.SmtpLocalTransaction;
import io.mailroom.adapter.tx.SmtpXAResource;

import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailException;
import io.mailroom.api.SendReceipt;
import jakarta.mail.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import io.mailroom.api.InvalidEmailException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
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
 * opens on the first send, not when the pool creates this object. While the connection is
 * enlisted in a transaction, messages are buffered on the transaction branch instead of sent.
 *
 * <p>A broken connection (the server unreachable, the socket dead after one reconnect) is
 * reported with {@code CONNECTION_ERROR_OCCURRED}, so the pool discards this managed connection.
 */
final class SmtpManagedConnection implements ManagedConnection {
    private final SmtpManagedConnectionFactory factory;
    private final FactoryServices services;
    private final SmtpSettings settings;
    private final MimeComposer composer;
    private final MessageSigner signer;
    private final Session session;
    private final SmtpChannel channel;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<SmtpConnectionImpl> handles = new CopyOnWriteArraySet<>();
    private PrintWriter logWriter;
    private volatile SmtpXAResource xaResource;
    private volatile SmtpLocalTransaction localTransaction;

    /**
     * @param factory the factory that made it, for the pool's matching only
     * @param services what the factory made for its connections
     */
    SmtpManagedConnection(SmtpManagedConnectionFactory factory, FactoryServices services) {
        this.factory = factory;
        this.services = services;
        this.settings = services.settings();
        this.composer = services.composer();
        this.signer = services.signer();
        this.session = services.session();
        this.channel = new SmtpChannel(services.connector());
    }

    /** @return the factory that made this connection, for the pool's matching */
    SmtpManagedConnectionFactory factory() {
        return factory;
    }

    /** Inside a transaction: buffered on the branch. Outside: sent now. */
    SendReceipt send(Email email) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        return AdapterClassLoader.call(() -> submit(compose(email), application));
    }

    /** An Outlook .msg read into an Email, then like {@link #send}; the envelope, if given, decides the recipients. */
    SendReceipt sendMsg(InputStream msg, Envelope envelope) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        return AdapterClassLoader.call(() -> submit(composer.redirect(compose(OutlookMessage.read(msg, envelope)), envelope),
                application));
    }

    /**
     * Outside a transaction: sent now, streamed when it goes to SMTP unchanged; inside one:
     * buffered on the branch, except with a method that joins the caller's transaction itself
     * ({@code jms}), which sends now on this thread and reports the message queued. The staging
     * recipient policy applies first on every path, so what is queued is already rewritten.
     */
    private SendReceipt submit(ComposedMessage message, ClassLoader application) {
        String branch = currentBranch();
        DeliveryMethods methods = services.methods();
        if (branch == null && methods.isPlainSmtp()) {
            return deliver(message);
        }
        OutboxMessage composed = storable(message);
        OutboxMessage stored = methods.staged(composed);
        if (stored == null) {
            composed.body().release();
            return methods.dropped(composed);
        }
        if (branch != null && methods.joinsCallerTransaction()) {
            methods.local().send(stored);
            return methods.withRefusals(composed, queued(stored));
        }
        if (branch != null) {
            try {
                buffer(branch, stored, application);
            } catch (RuntimeException e) {
                stored.body().release(); // a spool file nobody will store
                throw e;
            }
            return methods.withRefusals(composed, queued(stored));
        }
        DeliveryConnection local = methods.local();
        return methods.withRefusals(composed,
                local != null ? local.send(stored).receipt() : deliver(OutboxMessageCodec.fromOutbox(session, stored)));
    }

    /**
     * The message as the outbox keeps it, once it is known to be deliverable: a non-ASCII address
     * needs a server that offers SMTPUTF8, asked now (on this connection) rather than after commit.
     * A local delivery method (pickup directory, capture) asks no server. A message still to be
     * read from its stream (a raw message inside a transaction) is copied to a spool file in the
     * outbox directory, at most {@code outboxMaxMegabytes}; a composed one is kept in memory.
     */
    private OutboxMessage storable(ComposedMessage message) {
        if (message.utf8Field() != null && services.methods().local() == null) {
            channel.requireSmtpUtf8(message.utf8Field());
        }
        if (message.message() instanceof StreamedMessage) {
            return OutboxMessageCodec.toSpool(message, session, services.requireRuntime().spool(), maxMessageBytes());
        }
        return OutboxMessageCodec.toOutbox(message, session);
    }

    /** The largest message the outbox can take: its size, and no more than one journal record. */
    private long maxMessageBytes() {
        return Math.min(services.outboxSettings().maxBytes(), Integer.MAX_VALUE - 64 * 1024);
    }

    /** Durably enqueued now, delivered in the background. */
    SendReceipt enqueue(Email email) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        return AdapterClassLoader.call(() -> {
            OutboxMessage composed = storable(compose(email));
            OutboxMessage stored = services.methods().staged(composed);
            if (stored == null) {
                return services.methods().dropped(composed);
            }
            OutboxRuntime runtime = services.requireRuntime();
            runtime.engine().tag(stored.messageId(), application);
            try {
                runtime.transactional().enqueue(stored);
            } catch (OutboxException e) {
                throw new MailException(e.getMessage(), e);
            }
            return services.methods().withRefusals(composed, queued(stored));
        });
    }

    /** Composed, then S/MIME and DKIM: what the outbox stores and the server receives, byte for byte. */
    private ComposedMessage compose(Email email) {
        return signer.sign(composer.compose(email), email, session);
    }

    private static SendReceipt queued(OutboxMessage stored) {
        return new SendReceipt(SendReceipt.Status.QUEUED, stored.messageId(), null, stored.recipients(), List.of());
    }

    private String currentBranch() {
        SmtpXAResource xa = xaResource;
        String branch = xa == null ? null : xa.branchForSend();
        if (branch == null && localTransaction != null) {
            branch = localTransaction.currentBranch();
        }
        return branch;
    }

    /** Buffers on the branch; its delivery events will go to the sending application's listeners. */
    private void buffer(String branch, OutboxMessage stored, ClassLoader application) {
        OutboxRuntime runtime = services.requireRuntime();
        runtime.engine().tag(stored.messageId(), application);
        runtime.transactional().buffer(branch, stored);
    }

    /**
     * Outside a transaction it is streamed to the server. Inside one it is copied to a spool file
     * as it is read, and from there into the outbox at commit (at most {@code outboxMaxMegabytes}).
     * Outside a transaction with a local delivery method or a recipient policy, it is read into
     * memory (at most {@code outboxMaxMegabytes}).
     */
    SendReceipt sendRaw(InputStream rfc5322, Envelope envelope) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        return AdapterClassLoader.call(() -> {
            String branch = currentBranch();
            if (branch == null && services.methods().isPlainSmtp()) {
                return deliver(composer.composeRaw(rfc5322, envelope));
            }
            return submit(composer.composeRaw(branch != null ? rfc5322 : readBounded(rfc5322), envelope), application);
        });
    }

    /** Reads the message into memory, refusing one larger than the outbox could ever hold. */
    private InputStream readBounded(InputStream in) {
        long max = maxMessageBytes();
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new InvalidEmailException("message", Messages.tooLargeForTransaction(max));
            }
            return new SharedByteArrayInputStream(bytes);
        } catch (IOException e) {
            throw new InvalidEmailException("message", MimeMessages.unreadableMessage(e.getMessage()), e);
        }
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

    /**
     * Tells the pool this connection is broken. The handle stays open: its close() still reports
     * CONNECTION_CLOSED, which is when a server (Liberty) releases the pool slot of a connection
     * it has marked as broken.
     */
    private void fireConnectionError(Exception cause) {
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
            throw new ResourceException(Messages.cannotAssociate(connection));
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

    /**
     * All XA state is in the outbox, so the XAResource of a brand-new connection can recover. It
     * looks the outbox up on every call, as sends do, so it never works with a stopped one.
     */
    @Override
    public synchronized XAResource getXAResource() {
        if (xaResource == null) {
            xaResource = new SmtpXAResource(services.outboxSource());
        }
        return xaResource;
    }

    @Override
    public synchronized LocalTransaction getLocalTransaction() {
        if (localTransaction == null) {
            localTransaction = new SmtpLocalTransaction(services.outboxSource());
        }
        return localTransaction;
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
