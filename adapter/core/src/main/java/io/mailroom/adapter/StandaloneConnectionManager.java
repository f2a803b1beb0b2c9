package io.mailroom.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small bounded pool for using the adapter outside an application server (plain Java, unit
 * tests, benchmarks). In a server, the server's own connection manager is used instead.
 *
 * <p>At most {@code maxPoolSize} managed connections exist at once; a caller waits up to the
 * wait timeout for one to come back. Idle connections are reused last-in first-out, so a warm
 * SMTP connection is preferred.
 */
public final class StandaloneConnectionManager implements ConnectionManager, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient Semaphore permits;
    private final transient ConcurrentLinkedDeque<ManagedConnection> idle = new ConcurrentLinkedDeque<>();
    private final transient ConnectionEventListener listener = new PoolListener();
    /** Broken connections already destroyed, whose handle has not been closed yet. */
    private final transient Set<ManagedConnection> discarded = ConcurrentHashMap.newKeySet();
    private final long waitMillis;

    /** @param maxPoolSize the most managed connections at once */
    public StandaloneConnectionManager(int maxPoolSize) {
        this(maxPoolSize, 30_000);
    }

    /**
     * @param maxPoolSize the most managed connections at once
     * @param waitMillis how long a caller waits for a free connection
     */
    public StandaloneConnectionManager(int maxPoolSize, long waitMillis) {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        this.permits = new Semaphore(maxPoolSize, true);
        this.waitMillis = waitMillis;
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info) throws ResourceException {
        acquire();
        try {
            ManagedConnection mc = idle.pollFirst();
            if (mc == null) {
                mc = factory.createManagedConnection(null, info);
                mc.addConnectionEventListener(listener);
            }
            return mc.getConnection(null, info);
        } catch (ResourceException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Closes every idle connection. Connections in use are closed when they come back. */
    @Override
    public void close() {
        for (ManagedConnection mc; (mc = idle.pollFirst()) != null; ) {
            destroyQuietly(mc);
        }
    }

    private void acquire() throws ResourceException {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new ResourceException(Messages.poolExhausted(waitMillis));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceException(Messages.poolWaitInterrupted(), e);
        }
    }

    private static void destroyQuietly(ManagedConnection mc) {
        try {
            mc.destroy();
        } catch (ResourceException | RuntimeException ignored) {
            // Already broken.
        }
    }

    private final class PoolListener implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            ManagedConnection mc = (ManagedConnection) event.getSource();
            if (discarded.remove(mc)) {
                return; // destroyed on its error; its permit was released then
            }
            try {
                mc.cleanup();
                idle.offerFirst(mc);
            } catch (ResourceException | RuntimeException e) {
                destroyQuietly(mc);
            }
            permits.release();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            ManagedConnection mc = (ManagedConnection) event.getSource();
            discarded.add(mc);
            destroyQuietly(mc);
            permits.release();
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
            // No transactions outside a server.
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
            // No transactions outside a server.
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
            // No transactions outside a server.
        }
    }
}
