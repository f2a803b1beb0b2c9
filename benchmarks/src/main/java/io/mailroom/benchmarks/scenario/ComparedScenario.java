package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.LoadSettings;
import java.util.Optional;

/** One of the six ways of sending that the throughput table puts side by side. */
public abstract class ComparedScenario implements Scenario {
    /** The sink, the connection count and the run limit. */
    protected final LoadSettings settings;
    private final ScenarioKind kind;

    /**
     * @param kind which of the six this is
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

    @Override
    public final Optional<ScenarioKind> kind() {
        return Optional.of(kind);
    }
}
