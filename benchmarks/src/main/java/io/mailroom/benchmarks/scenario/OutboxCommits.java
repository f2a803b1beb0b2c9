package io.mailroom.benchmarks.scenario;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.benchmarks.ConcurrentLoop;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.Workload;
import java.util.List;

/** The timed part of the outbox commit rows: one one-phase commit of one message per index, from several threads. */
final class OutboxCommits {
    private OutboxCommits() {
    }

    static void run(Outbox outbox, LoadSettings settings, int threads, Workload workload, byte[] mime) throws Exception {
        ConcurrentLoop.run(threads, workload.count(), settings.runLimit(), () -> index -> outbox.commitOnePhase(List.of(
                new OutboxMessage(Payload.FROM, List.of(Payload.recipient(index)), "<bench-" + index + "@example.com>", mime))));
    }
}
