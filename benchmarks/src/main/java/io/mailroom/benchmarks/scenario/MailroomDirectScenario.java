package io.mailroom.benchmarks.scenario;

import io.mailroom.api.MailConnection;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;

/**
 * Scenario 4: Mailroom outside a transaction, sending at once. Each message takes a connection
 * from the pool, sends, and closes the handle, as application code in a server does.
 */
public final class MailroomDirectScenario extends ComparedScenario {

    /** @param settings the sink, and the number of threads and pooled connections */
    public MailroomDirectScenario(LoadSettings settings) {
        super(ScenarioKind.MAILROOM_DIRECT, settings);
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        int connections = settings.connections();
        MailroomClient client = MailroomClient.start(settings, connections, connections);
        return client.trial(() -> client.eachMessage(connections, workload, settings.runLimit(), MailConnection::send));
    }
}
