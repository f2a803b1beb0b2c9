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
        checks.add(enqueueRate(results));
        checks.add(streamingHeap(results));
        return checks;
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

    private static Check enqueueRate(Results results) {
        String target = "durable enqueues per second (MailConnection.enqueue, 1 KB)";
        String needed = "≥ " + String.format("%,.0f", MIN_ENQUEUES_PER_SECOND) + "/s";
        return results.enqueue().stream()
                .filter(m -> m.scenario() instanceof MailroomEnqueueScenario && m.succeeded())
                .findFirst()
                .map(m -> new Check(target, String.format("%,.0f/s", m.rate().median()), needed,
                        m.rate().median() >= MIN_ENQUEUES_PER_SECOND ? Verdict.PASS : Verdict.MISS))
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
