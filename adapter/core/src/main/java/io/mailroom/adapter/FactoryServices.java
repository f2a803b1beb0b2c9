package io.mailroom.adapter;

import io.mailroom.adapter.config.OutboxSettings;
import io.mailroom.adapter.mime.MimeComposer;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.method.DeliveryMethods;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.signing.MessageSigner;
import io.mailroom.adapter.smtp.AdapterClassLoader;
import io.mailroom.adapter.smtp.SessionProperties;
import io.mailroom.adapter.smtp.SmtpConnector;
import io.mailroom.adapter.tx.OutboxSource;
import io.mailroom.adapter.work.StandaloneWorkLauncher;
import io.mailroom.adapter.work.WorkLauncher;

import io.mailroom.api.MailException;

import jakarta.mail.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.work.Work;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Timer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What one connection factory's managed connections work with, made once from its checked
 * settings: the Angus {@link Session}, the {@link SmtpConnector} (TLS context, token provider,
 * probed route), the {@link MessageSigner} (S/MIME and DKIM keys) and the outbox runtime
 * (journal, transactions, delivery workers). Managed connections receive this object; they never
 * call back into the factory.
 */
final class FactoryServices {
    private static final Logger LOG = Logger.getLogger(FactoryServices.class.getName());

    private final SettingsReader.Checked settings;
    /** The factory's adapter as it is now: a server may associate it after the services were made. */
    private final Supplier<ResourceAdapter> resourceAdapter;
    private final Session session;
    /** Shared by the factory's connections: its Message-ID domain is looked up once, not per connection. */
    private final MimeComposer composer;
    private final SmtpConnector connector;
    /** Asks {@link #workLauncher()} at each launch: the server may associate the adapter after this was made. */
    private final WorkLauncher launcher = new WorkLauncher() {
        @Override
        public void launch(Work work) throws Exception {
            workLauncher().launch(work);
        }

        @Override
        public void launchLongRunning(Work work, String name) throws Exception {
            workLauncher().launchLongRunning(work, name);
        }
    };
    /** Asked for on every transactional send and enqueue: kept rather than looked up each time. */
    private volatile OutboxRuntime runtime;
    /** What XA resources and local transactions of this factory's connections ask for the outbox. */
    private final OutboxSource outboxSource = () -> runtime().transactional();

    FactoryServices(SettingsReader.Checked settings, Supplier<ResourceAdapter> resourceAdapter, PrintStream debugOut)
            throws InvalidPropertyException {
        this.settings = settings;
        this.resourceAdapter = resourceAdapter;
        this.session = AdapterClassLoader.call(() -> Session.getInstance(SessionProperties.of(settings.smtp())));
        // For messages with a non-ASCII address: UTF-8 headers (RFC 6532)
        Session utf8Session = AdapterClassLoader.call(
                () -> Session.getInstance(MimeComposer.withUtf8(SessionProperties.of(settings.smtp()))));
        this.composer = new MimeComposer(session, utf8Session, settings.smtp().defaultFrom());
        this.connector = new SmtpConnector(settings.smtp(), settings.security(), debugOut, Clock.systemUTC(), launcher);
    }

    SmtpSettings settings() {
        return settings.smtp();
    }

    SecuritySettings securitySettings() {
        return settings.security();
    }

    OutboxSettings outboxSettings() {
        return settings.outbox();
    }

    Session session() {
        return session;
    }

    /** @return the composer of this factory's connections (thread-safe) */
    MimeComposer composer() {
        return composer;
    }

    SmtpConnector connector() {
        return connector;
    }

    /** @return S/MIME and DKIM with this factory's keys */
    MessageSigner signer() {
        return settings.signer();
    }

    /** @return the transactional outbox as {@link #runtime()} finds it at each call */
    OutboxSource outboxSource() {
        return outboxSource;
    }

    /** @return the delivery method (SMTP, pickup directory, capture) and the staging recipient policy */
    DeliveryMethods methods() {
        return settings.methods();
    }

    /** @return a delivery worker's connection: its own SMTP connection, or the shared local method */
    private DeliveryConnection deliveryConnection() {
        DeliveryConnection local = settings.methods().local();
        return local != null ? local : new SmtpDeliveryConnection(session, connector);
    }

    /**
     * The outbox and delivery workers of this factory, started on first use (and again after the
     * adapter restarted).
     *
     * @throws ResourceException naming the outbox directory if it cannot be opened, or the stopped adapter
     */
    OutboxRuntime runtime() throws ResourceException {
        if (resourceAdapter.get() instanceof SmtpResourceAdapter adapter && adapter.isStopped()) {
            throw new ResourceException(Messages.adapterStopped());
        }
        OutboxRuntime r = runtime;
        if (r == null || r.isStopped()) {
            try {
                r = OutboxRuntime.obtain(settings, this::deliveryConnection, workLauncher(), this::timer);
            } catch (OutboxException e) {
                throw new ResourceException(e.getMessage(), e);
            }
            runtime = r;
        }
        return r;
    }

    /**
     * Starts the outbox runtime now, so mail left from before a restart (or, with the JDBC outbox,
     * committed by other instances) goes out without waiting for a first send. In a server, the
     * JDBC outbox starts on a work thread instead: the factory is made inside the server's JNDI
     * lookup of it, and Open Liberty fails a JNDI lookup of the DataSource made inside that one
     * ("Recursive update"). A failure there is logged, and reported again at the first send.
     *
     * @throws ResourceException naming the outbox problem, when started here
     */
    void startRuntime() throws ResourceException {
        boolean inServer = resourceAdapter.get() instanceof SmtpResourceAdapter adapter && adapter.bootstrapContext() != null;
        if (!inServer || settings.outbox().store() != OutboxSettings.Store.JDBC) {
            runtime();
            return;
        }
        try {
            workLauncher().launch(new Work() {
                @Override
                public void run() {
                    try {
                        runtime();
                    } catch (ResourceException e) {
                        LOG.severe(e.getMessage());
                    }
                }

                @Override
                public void release() {
                    // runs once and ends
                }
            });
        } catch (Exception e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /**
     * {@link #runtime()} for application-facing calls.
     *
     * @throws MailException naming the outbox problem or the stopped adapter
     */
    OutboxRuntime requireRuntime() {
        try {
            return runtime();
        } catch (ResourceException e) {
            throw new MailException(e.getMessage(), e);
        }
    }

    /** The server's timer (one per outbox, cancelled when delivery stops), or a daemon timer outside a server. */
    private Timer timer() {
        if (resourceAdapter.get() instanceof SmtpResourceAdapter adapter && adapter.bootstrapContext() != null) {
            try {
                return adapter.bootstrapContext().createTimer();
            } catch (UnavailableException e) {
                LOG.warning(Messages.noServerTimer(e));
            }
        }
        return new Timer("mailroom-delivery-timer", true);
    }

    private WorkLauncher workLauncher() {
        if (resourceAdapter.get() instanceof SmtpResourceAdapter adapter && adapter.bootstrapContext() != null) {
            return new ServerWorkLauncher(adapter.bootstrapContext());
        }
        return StandaloneWorkLauncher.INSTANCE;
    }
}
