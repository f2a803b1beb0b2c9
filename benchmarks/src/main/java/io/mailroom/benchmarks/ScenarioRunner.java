package io.mailroom.benchmarks;

import io.mailroom.benchmarks.scenario.PeerHang;
import io.mailroom.benchmarks.scenario.Scenario;
import io.mailroom.benchmarks.sink.Sink;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs scenarios side by side on one workload: a warm-up round (not counted; see {@link WarmUp}), then the measured
 * rounds, each round running every scenario once, so that a disturbance from outside (another
 * build on the machine) spreads over all scenarios instead of hitting one. A scenario that fails
 * is reported as failed and left out of the later rounds.
 *
 * <p>Per run: set-up (untimed), a full collection and heap baseline, the timed run, then close
 * (untimed); the sink's connection and message counters are read before set-up and after close,
 * and a compared scenario whose messages did not all arrive, exactly once, fails. This JVM's CPU
 * time is read around the timed run.
 */
public final class ScenarioRunner {
    private final Sink sink;
    private final PrintStream log;
    /** Runs repeated after a {@link PeerHang}, by scenario title, over every runner of this program. */
    private static final Map<String, Integer> REPEATS = new java.util.concurrent.ConcurrentSkipListMap<>();

    /**
     * @param sink the sink the scenarios talk to, for its connection count
     * @param log where progress lines go
     */
    public ScenarioRunner(Sink sink, PrintStream log) {
        this.sink = sink;
        this.log = log;
    }

    /**
     * @param warmUp the warm-up round, or {@code null} for none
     * @param rounds measured rounds, at least one
     * @return one measurement per scenario, in the given order
     */
    public List<Measurement> compare(List<? extends Scenario> scenarios, Workload workload, WarmUp warmUp, int rounds)
            throws InterruptedException {
        Map<Scenario, List<Measurement.Run>> runs = new LinkedHashMap<>();
        Map<Scenario, Throwable> failures = new LinkedHashMap<>();
        scenarios.forEach(s -> runs.put(s, new ArrayList<>()));
        for (int round = warmUp == null ? 1 : 0; round <= rounds; round++) {
            Workload w = round == 0 ? warmUp.workload() : workload;
            for (Scenario scenario : scenarios) {
                if (failures.containsKey(scenario)) {
                    continue;
                }
                String label = (round == 0 ? "warm-up" : "run " + round + "/" + rounds) + " " + w.label() + " x" + w.count();
                try {
                    Measurement.Run run = round == 0 ? warmUp(scenario, warmUp) : runOnce(scenario, w);
                    log.printf("  %-22s %-90s %,10.0f msg/s %,7d connections%n", label, scenario.title(), run.messagesPerSecond(),
                            run.connections());
                    if (round > 0) {
                        runs.get(scenario).add(run);
                    }
                } catch (Exception e) {
                    log.printf("  %-22s %-90s FAILED: %s%n", label, scenario.title(), e);
                    failures.put(scenario, e);
                }
            }
        }
        List<Measurement> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            Throwable failure = failures.get(scenario);
            results.add(failure != null ? Measurement.failed(scenario, workload, failure)
                    : Measurement.of(scenario, workload, runs.get(scenario)));
        }
        return results;
    }

    /** The most times one run is repeated after a {@link PeerHang} before the scenario fails. */
    public static final int HANG_REPEATS = 3;

    /** @return how many runs every runner of this program repeated after a {@link PeerHang}, by scenario title */
    public static Map<String, Integer> repeatedAfterHang() {
        return Map.copyOf(REPEATS);
    }

    /** @return the last warm-up run of {@code scenario} */
    private Measurement.Run warmUp(Scenario scenario, WarmUp warmUp) throws Exception {
        long until = System.nanoTime() + (scenario.runsInThisJvm() ? warmUp.atLeast().toNanos() : 0);
        Measurement.Run run;
        do {
            run = runOnce(scenario, warmUp.workload());
        } while (System.nanoTime() < until);
        return run;
    }

    /** One run, repeated (a fresh set-up, fresh counters) after a {@link PeerHang}, at most {@link #HANG_REPEATS} times. */
    private Measurement.Run runOnce(Scenario scenario, Workload workload) throws Exception {
        for (int repeat = 0; ; repeat++) {
            try {
                return measure(scenario, workload);
            } catch (PeerHang hang) {
                if (repeat == HANG_REPEATS) {
                    throw hang;
                }
                REPEATS.merge(scenario.title(), 1, Integer::sum);
                log.printf("  repeating %s: %s%n", scenario.title(), hang.getMessage());
            }
        }
    }

    private Measurement.Run measure(Scenario scenario, Workload workload) throws Exception {
        long connectionsBefore = sink.settledConnections();
        long messagesBefore = sink.settledMessages();
        HeapProbe.HeapUse heap = null;
        long nanos;
        long cpuNanos;
        try (Scenario.Trial trial = scenario.prepare(workload)) {
            HeapProbe probe = HeapProbe.start();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            trial.run();
            nanos = System.nanoTime() - start;
            cpuNanos = processCpuNanos() - cpuStart;
            heap = probe.stop();
        }
        long connections = sink.settledConnections() - connectionsBefore;
        long delivered = sink.settledMessages() - messagesBefore;
        if (scenario.deliversEveryMessage() && delivered != workload.count()) {
            throw new IllegalStateException("invalid run: the sink accepted " + delivered + " of " + workload.count()
                    + " messages");
        }
        return new Measurement.Run(workload.count() * 1e9 / nanos, connections, heap, cpuNanos / 1e3 / workload.count());
    }

    /** @return this JVM's CPU time, all threads (the sink's too when it is the Java sink) */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
