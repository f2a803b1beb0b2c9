package io.mailroom.adapter;

import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.health.ServerReachability;
import io.mailroom.adapter.method.DeliveryMethod;
import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxStats;

import io.mailroom.api.CapturedMessage;
import io.mailroom.api.DeliveryListener;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.MailException;
import io.mailroom.api.OutboxAdmin;
import io.mailroom.api.OutboxHealth;
import io.mailroom.api.OutboxStatus;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.util.List;
import javax.naming.Reference;

/** What applications find in JNDI: asks the connection manager for a pooled connection. */
final class SmtpConnectionFactoryImpl implements MailConnectionFactory {
    private static final long serialVersionUID = 1L;
    private static final int RECENT_DEAD_LETTERS = 100;

    private final SmtpManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    SmtpConnectionFactoryImpl(SmtpManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public MailConnection getConnection() {
        try {
            return (MailConnection) connectionManager.allocateConnection(managedFactory, null);
        } catch (ResourceException e) {
            throw new MailException(Messages.noPooledConnection(e.getMessage()), e);
        }
    }

    @Override
    public OutboxStatus outboxStatus() {
        Outbox outbox = runtime().outbox();
        OutboxStats stats = outbox.stats();
        List<OutboxStatus.DeadLetterInfo> dead = outbox.deadLetters(RECENT_DEAD_LETTERS).stream()
                .map(d -> new OutboxStatus.DeadLetterInfo(d.messageId(), d.recipients(), d.reason(), d.deadAt()))
                .toList();
        return new OutboxStatus(stats.queued(), stats.deferred(), stats.prepared(), stats.dead(), dead);
    }

    /** A view on the runtime running now; the resource adapter's restart needs a new one. */
    @Override
    public OutboxAdmin outboxAdmin() {
        return new SmtpOutboxAdmin(runtime());
    }

    /** Empty unless this factory's {@code deliveryMethod} is {@code capture}. */
    @Override
    public List<CapturedMessage> capturedMessages() {
        try {
            return managedFactory.services().methods().captured();
        } catch (ResourceException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    @Override
    public OutboxHealth outboxHealth() {
        try {
            return runtime().health().read(managedFactory.services().methods().method().setting());
        } catch (ResourceException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    /** A TCP connection to the factory's host and port, within its connect timeout; no SMTP is spoken. */
    @Override
    public boolean serverReachable() {
        try {
            FactoryServices services = managedFactory.services();
            if (services.methods().method() != DeliveryMethod.SMTP) {
                return true;
            }
            SmtpSettings smtp = services.settings();
            return ServerReachability.check(smtp.host(), smtp.port(), smtp.connectTimeoutMillis());
        } catch (ResourceException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    @Override
    public int deliveryConnectionsInUse() {
        return runtime().engine().connectionsInUse();
    }

    @Override
    public void addDeliveryListener(DeliveryListener listener) {
        // The application is known by its context class loader: it hears of its own mail only.
        runtime().engine().addListener(listener, Thread.currentThread().getContextClassLoader());
    }

    @Override
    public void removeDeliveryListener(DeliveryListener listener) {
        try {
            managedFactory.services().runtime().engine().removeListener(listener);
        } catch (ResourceException stopped) {
            // The adapter stopped first (the application and its adapter go down together): nothing listens any more.
        }
    }

    private OutboxRuntime runtime() {
        try {
            return managedFactory.services().requireRuntime();
        } catch (ResourceException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
