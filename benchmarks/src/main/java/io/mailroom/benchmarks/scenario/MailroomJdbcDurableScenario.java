package io.mailroom.benchmarks.scenario;

import io.mailroom.api.MailConnection;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;
import io.mailroom.testsupport.PostgresCluster;
import io.mailroom.testsupport.TestJndi;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario 5 on the JDBC outbox: the same enqueue-then-deliver run as
 * {@link MailroomDurableScenario}, with the factory set to {@code outbox=jdbc} on a throwaway
 * PostgreSQL (a fresh database per run). Outside a server there is no JNDI, so the DataSource is
 * bound in {@link TestJndi}; each thread keeps one connection ({@link ThreadConnections}), as a
 * server's pool would hand it. Timed from the first enqueue to the last {@code 250}.
 */
public final class MailroomJdbcDurableScenario implements Scenario {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final LoadSettings settings;
    private final PostgresCluster cluster;

    /** @param cluster the running PostgreSQL; each run gets a fresh database on it */
    public MailroomJdbcDurableScenario(LoadSettings settings, PostgresCluster cluster) {
        this.settings = settings;
        this.cluster = cluster;
    }

    @Override
    public String title() {
        return "Mailroom durable on the JDBC outbox (enqueue → PostgreSQL → delivery workers), "
                + settings.connections() + " threads";
    }

    @Override
    public boolean deliversEveryMessage() {
        return true;
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        String database = "benchdurable" + RUNS.incrementAndGet();
        ThreadConnections pooled = ThreadConnections.onNewDatabase(cluster, database);
        String jndiName = "bench/" + database;
        TestJndi.install();
        TestJndi.bind(jndiName, pooled.dataSource());
        int connections = settings.connections();
        MailroomClient client = MailroomClient.start(settings, connections, connections, mcf -> {
            mcf.setOutbox("jdbc");
            mcf.setOutboxDataSource(jndiName);
        });
        DeliveryTally tally = new DeliveryTally();
        client.factory().addDeliveryListener(tally); // also opens the outbox, before the clock starts
        return new Trial() {
            @Override
            public void run() throws Exception {
                long deadline = System.nanoTime() + settings.runLimit().toNanos();
                client.eachMessage(connections, workload, settings.runLimit(), MailConnection::enqueue);
                tally.awaitSent(workload.count(), deadline);
            }

            @Override
            public void close() throws IOException {
                try {
                    client.close();
                } finally {
                    pooled.closeAll();
                    TestJndi.uninstall();
                }
            }
        };
    }
}
