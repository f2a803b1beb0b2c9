package io.mailroom.benchmarks.scenario;

import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.Workload;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The outbox journal alone: concurrent one-phase commits of one pre-composed message each, every
 * commit forced to disk before it returns, with group commit on or off. Nothing is delivered.
 */
public final class JournalCommitScenario implements Scenario {
    private static final long MIB = 1024 * 1024;

    private final LoadSettings settings;
    private final int threads;
    private final boolean groupCommit;

    /**
     * @param threads how many threads commit at once
     * @param groupCommit whether concurrent commits may share one force
     */
    public JournalCommitScenario(LoadSettings settings, int threads, boolean groupCommit) {
        this.settings = settings;
        this.threads = threads;
        this.groupCommit = groupCommit;
    }

    @Override
    public String title() {
        return "JournalOutbox.commitOnePhase, group commit " + (groupCommit ? "on" : "off") + ", " + threads + " threads";
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        byte[] mime = Payload.rfc5322(0, workload.bodyBytes());
        Path directory = settings.workDir().freshDirectory("journal");
        long maxBytes = Math.max(256 * MIB, 4L * workload.count() * mime.length);
        JournalOutbox outbox = JournalOutbox.open(directory,
                JournalOptions.defaults().withMaxBytes(maxBytes).withGroupCommit(groupCommit));
        return new Trial() {
            @Override
            public void run() throws Exception {
                OutboxCommits.run(outbox, settings, threads, workload, mime);
            }

            @Override
            public void close() throws IOException {
                outbox.close();
                settings.workDir().deleteRecursively(directory);
            }
        };
    }
}
