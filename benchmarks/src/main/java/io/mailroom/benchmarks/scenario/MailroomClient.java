package io.mailroom.benchmarks.scenario;

import io.mailroom.adapter.SmtpManagedConnectionFactory;
import io.mailroom.adapter.SmtpResourceAdapter;
import io.mailroom.adapter.StandaloneConnectionManager;
import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.benchmarks.ConcurrentLoop;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.WorkDir;
import io.mailroom.benchmarks.Workload;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Mailroom's adapter outside a server, as the README shows it: a started resource adapter, a
 * managed connection factory pointed at the sink, and the standalone connection manager as pool.
 * Each client has an outbox directory of its own.
 */
final class MailroomClient implements AutoCloseable {
    private final SmtpResourceAdapter adapter;
    private final StandaloneConnectionManager pool;
    private final MailConnectionFactory factory;
    private final WorkDir workDir;
    private final Path outbox;

    private MailroomClient(SmtpResourceAdapter adapter, StandaloneConnectionManager pool, MailConnectionFactory factory,
                           WorkDir workDir, Path outbox) {
        this.adapter = adapter;
        this.pool = pool;
        this.factory = factory;
        this.workDir = workDir;
        this.outbox = outbox;
    }

    /**
     * @param poolSize the most pooled connections (and so the most concurrent senders)
     * @param deliveryWorkers delivery workers for enqueued mail, each with its own connection
     */
    static MailroomClient start(LoadSettings settings, int poolSize, int deliveryWorkers) throws ResourceException, IOException {
        return start(settings, poolSize, deliveryWorkers, mcf -> { });
    }

    /** @param outboxSetup further factory settings, such as {@code outbox=jdbc} */
    static MailroomClient start(LoadSettings settings, int poolSize, int deliveryWorkers,
                                Consumer<SmtpManagedConnectionFactory> outboxSetup) throws ResourceException, IOException {
        Path outbox = settings.workDir().freshDirectory("outbox");
        SmtpResourceAdapter adapter = new SmtpResourceAdapter();
        adapter.start(null);
        try {
            SmtpManagedConnectionFactory mcf = new SmtpManagedConnectionFactory();
            mcf.setResourceAdapter(adapter);
            mcf.setHost(LoadSettings.HOST);
            mcf.setPort(settings.port());
            mcf.setDefaultFrom(Payload.FROM);
            mcf.setOutboxDirectory(outbox.toString());
            mcf.setDeliveryWorkers(deliveryWorkers);
            outboxSetup.accept(mcf);
            if (settings.tls()) {
                mcf.setSecurity("SSL_IMPLICIT");
                mcf.setTlsTrustStore(settings.trustStore().toString());
                mcf.setTlsTrustStorePassword(LoadSettings.TRUST_STORE_PASSWORD);
            }
            StandaloneConnectionManager pool = new StandaloneConnectionManager(poolSize);
            MailConnectionFactory factory = (MailConnectionFactory) mcf.createConnectionFactory(pool);
            return new MailroomClient(adapter, pool, factory, settings.workDir(), outbox);
        } catch (ResourceException | RuntimeException e) {
            adapter.stop();
            throw e;
        }
    }

    MailConnectionFactory factory() {
        return factory;
    }

    /** What to do with one message on a connection taken for it. */
    @FunctionalInterface
    interface Use {
        void accept(MailConnection connection, Email email) throws Exception;
    }

    /**
     * Sends (or enqueues) the workload from {@code threads} threads. Each message takes a pooled
     * connection and gives it back, as application code in a server does, so the pool's cleanup
     * runs after every message.
     */
    void eachMessage(int threads, Workload workload, Duration limit, Use use) throws Exception {
        String body = Payload.body(workload.bodyBytes());
        ConcurrentLoop.run(threads, workload.count(), limit, () -> index -> {
            try (MailConnection connection = factory.getConnection()) {
                use.accept(connection, Payload.email(index, body));
            }
        });
    }

    /** @return a trial that does {@code work} and closes this client afterwards */
    Scenario.Trial trial(Scenario.Trial work) {
        return new Scenario.Trial() {
            @Override
            public void run() throws Exception {
                work.run();
            }

            @Override
            public void close() throws IOException {
                MailroomClient.this.close();
            }
        };
    }

    /** Closes the pooled connections, stops the adapter (delivery workers, outbox), deletes the outbox. */
    @Override
    public void close() throws IOException {
        pool.close();
        adapter.stop();
        workDir.deleteRecursively(outbox);
    }
}
