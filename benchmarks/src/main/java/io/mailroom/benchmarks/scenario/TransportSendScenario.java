package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.ConcurrentLoop;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;
import jakarta.mail.Transport;

/** Scenario 1: {@code Transport.send(message)} per message, which connects, sends and quits each time. */
public final class TransportSendScenario extends ComparedScenario {

    /** @param settings the sink and the number of threads */
    public TransportSendScenario(LoadSettings settings) {
        super(ScenarioKind.TRANSPORT_SEND, settings);
    }

    @Override
    public Trial prepare(Workload workload) {
        JakartaMessages messages = new JakartaMessages(settings, workload.bodyBytes());
        return () -> ConcurrentLoop.run(settings.connections(), workload.count(), settings.runLimit(),
                () -> index -> Transport.send(messages.compose(index)));
    }
}
