package io.mailroom.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The adapter's lifecycle. Outbound only: there is no inbound mail. Stopping the adapter stops
 * every outbox's delivery workers after the message in hand; undelivered mail stays on disk and
 * goes out when the adapter starts again.
 *
 * <p>Outside a server, create one, {@code start(null)} it, give it to each factory with
 * {@code setResourceAdapter}, and {@code stop()} it at the end; delivery then runs on daemon
 * threads of its own.
 */
@Connector(displayName = "Mailroom SMTP resource adapter",
        description = "Pooled, transactional SMTP connections on Angus Mail",
        vendorName = "Mailroom",
        eisType = "SMTP",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.XATransaction)
public class SmtpResourceAdapter implements ResourceAdapter {
    private static final Logger LOG = Logger.getLogger(SmtpResourceAdapter.class.getName());

    private volatile BootstrapContext context;
    private volatile boolean stopped;

    @Override
    public void start(BootstrapContext context) {
        this.context = context;
        this.stopped = false;
        LOG.info(Messages.started());
    }

    @Override
    public void stop() {
        stopped = true;
        OutboxRuntime.stopAll();
        context = null;
        LOG.info(Messages.stopped());
    }

    /** @return {@code true} once stopped: no outbox may be opened any more */
    boolean isStopped() {
        return stopped;
    }

    /** @return the server's bootstrap context while the adapter runs, else {@code null} */
    BootstrapContext bootstrapContext() {
        return context;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        throw new NotSupportedException(Messages.outboundOnly());
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // Outbound only: nothing was activated.
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
