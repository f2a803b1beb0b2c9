package io.mailroom.benchmarks.scenario;

import io.mailroom.api.MailConnection;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;

/**
 * Scenario 5: Mailroom's durable path. As many threads as connections {@code enqueue} (each
 * message forced to disk, concurrent commits sharing a force), while as many delivery workers
 * drain the outbox over their own connections. Timed from the first enqueue to the last
 * {@code 250} the workers report.
 */
public final class MailroomDurableScenario extends ComparedScenario {

    /** @param settings the sink, and the number of enqueuing threads and delivery workers */
    public MailroomDurableScenario(LoadSettings settings) {
        super(ScenarioKind.MAILROOM_DURABLE, settings);
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        int connections = settings.connections();
        MailroomClient client = MailroomClient.start(settings, connections, connections);
        DeliveryTally tally = new DeliveryTally();
        client.factory().addDeliveryListener(tally); // also opens the outbox, before the clock starts
        return client.trial(() -> {
            long deadline = System.nanoTime() + settings.runLimit().toNanos();
            client.eachMessage(connections, workload, settings.runLimit(), MailConnection::enqueue);
            tally.awaitSent(workload.count(), deadline);
        });
    }
}
