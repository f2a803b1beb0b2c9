package io.mailroom.benchmarks;

import io.mailroom.benchmarks.scenario.Scenario;
import java.util.List;
import java.util.Optional;

/**
 * What the runs of one scenario on one workload gave.
 *
 * @param scenario what ran
 * @param workload what it sent
 * @param rate messages per second over the measured runs; {@code null} if it failed
 * @param connections the most SMTP connections the sink saw end during one run (set-up and close included)
 * @param heap this JVM's heap over the runs; empty where the work ran in another process, or failed
 * @param failure why it failed, or {@code null}
 * @param cpuMicrosPerMessage the median of this JVM's CPU time per message over the runs; empty
 *                            where the work ran in another process, or failed
 */
public record Measurement(Scenario scenario, Workload workload, Summary rate, long connections, Optional<Heap> heap,
                          String failure, Optional<Double> cpuMicrosPerMessage) {

    /**
     * The heap figures of {@link HeapProbe}, over all runs of a measurement.
     *
     * @param peakBytes the highest peak above the baseline (garbage included)
     * @param liveBytes the most held after a collection, above the baseline
     * @param allocatedPerMessage the median bytes allocated per message
     */
    public record Heap(long peakBytes, long liveBytes, long allocatedPerMessage) {
    }

    /** One measured run. */
    record Run(double messagesPerSecond, long connections, HeapProbe.HeapUse heap, double cpuMicrosPerMessage) {
    }

    static Measurement of(Scenario scenario, Workload workload, List<Run> runs) {
        Summary rate = Summary.of(runs.stream().map(Run::messagesPerSecond).toList());
        long connections = runs.stream().mapToLong(Run::connections).max().orElse(0);
        if (!scenario.runsInThisJvm()) {
            return new Measurement(scenario, workload, rate, connections, Optional.empty(), null, Optional.empty());
        }
        long peak = runs.stream().mapToLong(r -> r.heap().peakAboveBaselineBytes()).max().orElse(0);
        long live = runs.stream().mapToLong(r -> r.heap().liveAboveBaselineBytes()).max().orElse(0);
        double allocated = Summary.of(runs.stream().map(r -> (double) r.heap().allocatedBytes() / workload.count()).toList()).median();
        double cpu = Summary.of(runs.stream().map(Run::cpuMicrosPerMessage).toList()).median();
        return new Measurement(scenario, workload, rate, connections, Optional.of(new Heap(peak, live, Math.round(allocated))), null,
                Optional.of(cpu));
    }

    static Measurement failed(Scenario scenario, Workload workload, Throwable cause) {
        return skipped(scenario, workload, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    static Measurement skipped(Scenario scenario, Workload workload, String reason) {
        return new Measurement(scenario, workload, null, 0, Optional.empty(), reason, Optional.empty());
    }

    /** @return {@code true} if every run completed */
    public boolean succeeded() {
        return failure == null;
    }
}
