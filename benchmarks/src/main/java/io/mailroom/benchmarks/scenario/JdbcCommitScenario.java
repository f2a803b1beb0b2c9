package io.mailroom.benchmarks.scenario;

import io.mailroom.adapter.outbox.jdbc.JdbcOptions;
import io.mailroom.adapter.outbox.jdbc.JdbcOutbox;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.Workload;
import io.mailroom.testsupport.PostgresCluster;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDBC outbox alone, next to {@link JournalCommitScenario}: concurrent one-phase commits of one
 * pre-composed message each into a throwaway PostgreSQL (Debian's, on loopback, default settings:
 * every commit flushed to its WAL), each thread on its own connection, as a server's pool gives.
 * Nothing is delivered.
 */
public final class JdbcCommitScenario implements Scenario {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final LoadSettings settings;
    private final int threads;
    private final PostgresCluster cluster;

    /** @param cluster the running PostgreSQL; each run gets a fresh database on it */
    public JdbcCommitScenario(LoadSettings settings, int threads, PostgresCluster cluster) {
        this.settings = settings;
        this.threads = threads;
        this.cluster = cluster;
    }

    @Override
    public String title() {
        return "JdbcOutbox.commitOnePhase (PostgreSQL), " + threads + " threads";
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        byte[] mime = Payload.rfc5322(0, workload.bodyBytes());
        String name = "bench" + DATABASES.incrementAndGet();
        ThreadConnections pooled = ThreadConnections.onNewDatabase(cluster, name);
        JdbcOutbox outbox = JdbcOutbox.open(pooled.dataSource(), name, JdbcOptions.defaults());
        return new Trial() {
            @Override
            public void run() throws Exception {
                OutboxCommits.run(outbox, settings, threads, workload, mime);
            }

            @Override
            public void close() {
                outbox.close();
                pooled.closeAll();
            }
        };
    }
}
