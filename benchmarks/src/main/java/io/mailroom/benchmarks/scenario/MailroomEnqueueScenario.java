package io.mailroom.benchmarks.scenario;

import io.mailroom.api.MailConnection;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;

/**
 * What an application sees: {@code MailConnection.enqueue} from many threads, each call composing
 * the message and returning once it is forced to disk. The delivery workers drain the outbox at
 * the same time, as they would in a server; the run ends when the last enqueue returns.
 */
public final class MailroomEnqueueScenario implements Scenario {
    private final LoadSettings settings;
    private final int threads;
    private final boolean deliveryPaused;

    /** @param threads how many threads enqueue at once (and how large the pool is) */
    public MailroomEnqueueScenario(LoadSettings settings, int threads) {
        this(settings, threads, false);
    }

    /**
     * @param deliveryPaused whether delivery is paused for the run, so that only the enqueue path
     *                       runs (its cost without the delivery workers competing for the CPUs)
     */
    public MailroomEnqueueScenario(LoadSettings settings, int threads, boolean deliveryPaused) {
        this.settings = settings;
        this.threads = threads;
        this.deliveryPaused = deliveryPaused;
    }

    /** @return whether delivery is paused during the run (the enqueue path alone) */
    public boolean deliveryPaused() {
        return deliveryPaused;
    }

    @Override
    public String title() {
        return "MailConnection.enqueue (group commit), " + threads + " threads, "
                + (deliveryPaused ? "delivery paused" : settings.connections() + " delivery workers running");
    }

    @Override
    public Trial prepare(Workload workload) throws Exception {
        MailroomClient client = MailroomClient.start(settings, threads, settings.connections());
        client.factory().outboxStatus(); // opens the outbox before the clock starts
        if (deliveryPaused) {
            client.factory().outboxAdmin().pause();
        }
        return client.trial(() -> client.eachMessage(threads, workload, settings.runLimit(), MailConnection::enqueue));
    }
}
