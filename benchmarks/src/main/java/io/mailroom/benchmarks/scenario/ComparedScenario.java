package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.LoadSettings;
import java.util.Optional;

/** One of the ways of sending that the throughput table puts side by side. */
public abstract class ComparedScenario implements Scenario {
    /** The sink, the connection count and the run limit. */
    protected final LoadSettings settings;
    private final ScenarioKind kind;

    /**
     * @param kind which of them this is
     * @param settings the sink, the connection count and the run limit
     */
    protected ComparedScenario(ScenarioKind kind, LoadSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    @Override
    public final String title() {
        return kind.title();
    }

    /** Every compared scenario delivers its whole workload to the sink before its run ends. */
    @Override
    public boolean deliversEveryMessage() {
        return true;
    }

    @Override
    public final Optional<ScenarioKind> kind() {
        return Optional.of(kind);
    }
}
