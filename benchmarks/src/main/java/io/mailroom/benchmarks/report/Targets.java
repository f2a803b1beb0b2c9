package io.mailroom.benchmarks.report;

import io.mailroom.benchmarks.Measurement;
import io.mailroom.benchmarks.Workload;
import io.mailroom.benchmarks.scenario.MailroomEnqueueScenario;
import io.mailroom.benchmarks.scenario.ScenarioKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The issue's targets, checked against one run's results. Shown in the table; never asserted in tests. */
public final class Targets {
    private static final double MIB = 1024 * 1024;
    private static final long MAX_STREAM_HEAP_GROWTH = 32L * 1024 * 1024;
    private static final double MIN_ENQUEUES_PER_SECOND = 5_000;
    private static final double MIN_ENQUEUES_PER_SECOND_SPEED = 20_000;
    private static final double MAX_COMMIT_P99_MILLIS = 20;

    private Targets() {
    }

    /** Whether a target is met. */
    public enum Verdict { PASS, MISS, NOT_MEASURED }

    /**
     * @param target what is wanted
     * @param measured what was measured
     * @param needed the threshold
     * @param verdict met or not
     */
    public record Check(String target, String measured, String needed, Verdict verdict) {
    }

    /** @return one check per target (per workload where the target holds for every message size) */
    public static List<Check> evaluate(Results results) {
        List<Check> checks = new ArrayList<>();
        List<String> labels = results.throughput().stream().map(m -> m.workload().label()).distinct().toList();
        checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.TRANSPORT_SEND, "1 KB", 10));
        for (String label : labels) {
            checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.SIMPLE_JAVA_MAIL, label, 1.0));
        }
        for (String label : labels) {
            checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.SMTP_SOURCE, label, 0.8));
        }
        for (String label : labels) {
            checks.add(ratio(results, ScenarioKind.MAILROOM_DURABLE, ScenarioKind.MAILROOM_DIRECT, label, 0.5));
        }
        checks.add(enqueueRate(results, MIN_ENQUEUES_PER_SECOND));
        checks.add(streamingHeap(results));
        issue13(results, checks);
        return checks;
    }

    /** The targets of the speed issue (13): pipelining, latency, CPU, enqueue. */
    private static void issue13(Results results, List<Check> checks) {
        checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.SMTP_SOURCE, "1 KB", 1.0));
        checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.VERTX, "1 KB", 1.5));
        for (String far : results.latency().stream().map(m -> m.workload().label()).distinct().toList()) {
            checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.REUSED_TRANSPORT_NODELAY, far, 2.0));
            checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.VERTX, far, 1.5));
        }
        checks.add(roundTrips(results));
        checks.add(cpu(results, ScenarioKind.MAILROOM_DIRECT, "1 KB", 100));
        results.tls().stream().map(m -> m.workload().label()).distinct().findFirst().ifPresentOrElse(
                label -> checks.add(ratio(results, ScenarioKind.MAILROOM_DIRECT, ScenarioKind.TRANSPORT_SEND, label, 50)),
                () -> checks.add(new Check("TLS: #4 ≥ 50× #1 per message", "not measured", "50×", Verdict.NOT_MEASURED)));
        checks.add(enqueueRate(results, MIN_ENQUEUES_PER_SECOND_SPEED));
        checks.add(ratio(results, ScenarioKind.MAILROOM_DURABLE, ScenarioKind.MAILROOM_DIRECT, "1 KB", 0.7));
        checks.add(commitLatency(results.commitLatency()));
    }

    private static Check commitLatency(CommitLatency c) {
        String target = "commit-to-`250` p99 at light load on loopback";
        String needed = "< " + format(MAX_COMMIT_P99_MILLIS) + " ms";
        if (c == null || c.steady().length == 0) {
            return new Check(target, "not measured", needed, Verdict.NOT_MEASURED);
        }
        double p99 = CommitLatency.percentileMillis(c.steady(), 99);
        return new Check(target, String.format("%.1f ms (p50 %.1f ms; %d commits/s)", p99,
                CommitLatency.percentileMillis(c.steady(), 50), c.perSecond()), needed,
                p99 < MAX_COMMIT_P99_MILLIS ? Verdict.PASS : Verdict.MISS);
    }

    /**
     * Round trips per message of #4 behind the delay proxy in front of the CHUNKING sink: each
     * connection carries one message per round trip at best, so connections / (msg/s × 2 × delay).
     */
    private static Check roundTrips(Results results) {
        String target = "#4: one round trip per message against a server that offers CHUNKING (10 ms each way)";
        Optional<Measurement> m = results.latency().stream()
                .filter(x -> x.workload().label().endsWith("CHUNKING") && x.succeeded()
                        && x.scenario().kind().orElse(null) == ScenarioKind.MAILROOM_DIRECT)
                .findFirst();
        if (m.isEmpty()) {
            return new Check(target, "not measured", "≤ 1.2", Verdict.NOT_MEASURED);
        }
        double seconds = 2 * results.options().latencyMillis() / 1000.0;
        double trips = results.options().connections() / (m.get().rate().median() * seconds);
        return new Check(target, String.format("%.2f round trips per message (%,.0f msg/s over %d connections)", trips,
                m.get().rate().median(), results.options().connections()), "≤ 1.2", trips <= 1.2 ? Verdict.PASS : Verdict.MISS);
    }

    private static Check cpu(Results results, ScenarioKind kind, String label, double belowMicros) {
        String target = "#" + kind.number() + " client CPU per message at " + label;
        String needed = "< " + format(belowMicros) + " µs";
        return results.find(kind, label).flatMap(Measurement::cpuMicrosPerMessage)
                .map(c -> new Check(target, String.format("%,.0f µs", c), needed, c < belowMicros ? Verdict.PASS : Verdict.MISS))
                .orElse(new Check(target, "not measured", needed, Verdict.NOT_MEASURED));
    }

    private static Check ratio(Results results, ScenarioKind subject, ScenarioKind reference, String label, double atLeast) {
        String target = "#" + subject.number() + " ≥ " + format(atLeast) + "× #" + reference.number() + " at " + label;
        Optional<Double> a = results.median(subject, label);
        Optional<Double> b = results.median(reference, label);
        if (a.isEmpty() || b.isEmpty()) {
            return new Check(target, "not measured", format(atLeast) + "×", Verdict.NOT_MEASURED);
        }
        double ratio = a.get() / b.get();
        return new Check(target, String.format("%.2f× (%,.0f vs %,.0f msg/s)", ratio, a.get(), b.get()), format(atLeast) + "×",
                ratio >= atLeast ? Verdict.PASS : Verdict.MISS);
    }

    private static Check enqueueRate(Results results, double atLeast) {
        String target = "durable enqueues per second (MailConnection.enqueue, 1 KB, delivery workers running)";
        String needed = "≥ " + String.format("%,.0f", atLeast) + "/s";
        return results.enqueue().stream()
                .filter(m -> m.scenario() instanceof MailroomEnqueueScenario e && !e.deliveryPaused() && m.succeeded())
                .findFirst()
                .map(m -> new Check(target, String.format("%,.0f/s", m.rate().median()), needed,
                        m.rate().median() >= atLeast ? Verdict.PASS : Verdict.MISS))
                .orElse(new Check(target, "not measured", needed, Verdict.NOT_MEASURED));
    }

    private static Check streamingHeap(Results results) {
        String needed = "< " + Math.round(MAX_STREAM_HEAP_GROWTH / MIB) + " MB";
        return results.streaming().stream()
                .filter(m -> m.succeeded() && m.heap().isPresent())
                .findFirst()
                .map(m -> new Check("heap growth streaming " + sizeOf(m.workload()) + " through sendRaw (peak above baseline)",
                        String.format("%.1f MB", m.heap().get().peakBytes() / MIB), needed,
                        m.heap().get().peakBytes() < MAX_STREAM_HEAP_GROWTH ? Verdict.PASS : Verdict.MISS))
                .orElse(new Check("heap growth streaming a large EML through sendRaw", "not measured", needed, Verdict.NOT_MEASURED));
    }

    private static String sizeOf(Workload w) {
        return Math.round(w.bodyBytes() / MIB) + " MB";
    }

    private static String format(double factor) {
        return factor == Math.rint(factor) ? String.format("%.0f", factor) : String.format("%.1f", factor);
    }
}
