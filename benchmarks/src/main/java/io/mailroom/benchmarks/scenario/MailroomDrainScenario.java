package io.mailroom.benchmarks.scenario;

import io.mailroom.api.MailConnection;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;

/**
 * The delivery workers' own cost: the workload is enqueued with delivery paused (not timed, 16
 * threads), then the run resumes delivery and ends at the last message's {@code 250}. So the
 * figures per message are the delivery side's alone (taking, sending, settling), which in the
 * enqueue scenario mix with the committing threads' in a share that depends on how far the
 * workers got.
 */
public final class MailroomDrainScenario implements Scenario {
    private final LoadSettings settings;
    private final int threads;

    /** @param threads how many threads enqueue before the run */
    public MailroomDrainScenario(LoadSettings settings, int threads) {
        this.settings = settings;
        this.threads = threads;
    }

    @Override
    public String title() {
        return "delivery of " + settings.connections() + " workers draining an outbox filled beforehand";
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        MailroomClient client = MailroomClient.start(settings, threads, settings.connections());
        DeliveryTally tally = new DeliveryTally();
        client.factory().addDeliveryListener(tally); // also opens the outbox
        client.factory().outboxAdmin().pause();
        client.eachMessage(threads, workload, settings.runLimit(), MailConnection::enqueue);
        return client.trial(() -> {
            long deadline = System.nanoTime() + settings.runLimit().toNanos();
            client.factory().outboxAdmin().resume();
            tally.awaitSent(workload.count(), deadline);
        });
    }
}
