package io.mailroom.benchmarks.report;

import io.mailroom.benchmarks.BenchmarkOptions;
import io.mailroom.benchmarks.Machine;
import io.mailroom.benchmarks.Measurement;
import io.mailroom.benchmarks.scenario.ScenarioKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything one benchmark run found, and where.
 *
 * @param machine the machine and the date
 * @param command the command that ran it
 * @param sink which sink took the mail
 * @param workDirFileSystem the file system type of the directory the outboxes were on
 * @param options the program's options
 * @param throughput the comparison, for every workload
 * @param latency the pooled clients behind the delay proxy (empty if skipped)
 * @param enqueue the durable enqueue measurements
 * @param streaming the streaming forward measurements (empty if skipped)
 * @param tls the clients against the implicit-TLS sink (empty if skipped)
 * @param commitLatency the commit-to-250 latency probe, or {@code null} if skipped
 * @param repeatedAfterHang runs repeated after a compared client hung on a known bug of its own, by scenario title
 * @param loadAverageEnd the one-minute load average at the end
 * @param elapsed how long the whole run took
 */
public record Results(Machine machine, String command, String sink, String workDirFileSystem, BenchmarkOptions options,
                      List<Measurement> throughput, List<Measurement> latency, List<Measurement> enqueue, List<Measurement> streaming,
                      List<Measurement> tls, CommitLatency commitLatency, Map<String, Integer> repeatedAfterHang,
                      double loadAverageEnd, Duration elapsed) {

    /** @return the measurement of a compared scenario on the workload with that label, if it ran and succeeded */
    public Optional<Measurement> find(ScenarioKind kind, String workloadLabel) {
        return Stream.of(throughput, latency, tls).flatMap(List::stream)
                .filter(m -> m.scenario().kind().orElse(null) == kind && m.workload().label().equals(workloadLabel))
                .filter(Measurement::succeeded)
                .findFirst();
    }

    /** @return the median messages per second of a compared scenario, if measured */
    public Optional<Double> median(ScenarioKind kind, String workloadLabel) {
        return find(kind, workloadLabel).map(m -> m.rate().median());
    }
}
