package io.mailroom.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The program's arguments, with the defaults.
 *
 * @param messages N: messages of 1 KB; N/10 messages of 100 KB
 * @param connections concurrent SMTP connections in every scenario
 * @param runs measured runs per scenario (the median is reported), at least 3 for the table
 * @param enqueueThreads threads for the durable enqueue measurement; 0 skips it
 * @param streamMegabytes size of the EML for the streaming forward; 0 skips it
 * @param sink {@code auto} (smtp-sink when installed), {@code postfix} or {@code java}
 * @param scenarios the numbers of the throughput scenarios to run (1..8)
 * @param output where the Markdown table goes
 * @param workDir where outboxes and the EML go
 * @param runLimit the most time one run may take
 * @param latencyMillis the delay added each way for the latency comparison; 0 skips it
 * @param commitsPerSecond the steady rate of the commit-to-250 latency probe; 0 skips it
 * @param tls whether to run the implicit-TLS comparison
 * @param warmUpSeconds how long each Java client repeats its warm-up round before the loopback
 *                      throughput and durable-enqueue tables' measured runs
 */
public record BenchmarkOptions(int messages, int connections, int runs, int enqueueThreads, int streamMegabytes, String sink,
                               Set<String> scenarios, Path output, Path workDir, Duration runLimit, int latencyMillis,
                               int commitsPerSecond, boolean tls, int warmUpSeconds) {

    private static final Set<String> ALL_SCENARIOS = Set.of("1", "2", "3", "4", "5", "6", "7", "8");

    /** The usage text, printed for {@code --help} and after a bad argument. */
    public static final String USAGE = """
            Options (defaults in brackets):
              --messages N         1 KB messages per run; N/10 messages of 100 KB [20000]
              --connections C      concurrent SMTP connections in every scenario [4]
              --runs R             measured runs per scenario; the median is reported [3]
              --enqueue-threads T  threads for the durable enqueue measurement; 0 skips it [16]
              --stream-mb M        size of the EML streamed through sendRaw; 0 skips it [200]
              --sink S             auto | postfix | java [auto: smtp-sink when installed]
              --scenarios LIST     which throughput scenarios, e.g. 1,4,5 [1,2,3,4,5,6,7,8]
              --output FILE        the Markdown results [RESULTS.md]
              --work-dir DIR       outboxes and the EML; keep it off tmpfs [target/bench-work]
              --run-limit-s S      the most seconds one run may take [600]
              --latency-ms D       delay added each way by a proxy for the latency comparison
                                   (1 KB, N/50 messages, at least 100); 0 skips it [10]
              --commit-rate R      commits per second, for 5 s, of the commit-to-250 latency
                                   probe; 0 skips it [200]
              --tls B              the implicit-TLS comparison (1 KB, N/10 messages, at least
                                   1,000 or N): yes | no [yes]
              --warm-up-s S        each Java client repeats its warm-up round (N/10 messages)
                                   for S seconds before the loopback throughput and durable
                                   enqueue tables' runs, so the JIT has compiled its hot paths;
                                   the latency and TLS tables warm up with one round [10]
            """;

    /** @return the defaults: 20,000 messages, 4 connections, 3 runs */
    public static BenchmarkOptions defaults() {
        return new BenchmarkOptions(20_000, 4, 3, 16, 200, "auto", ALL_SCENARIOS,
                Path.of("RESULTS.md"), Path.of("target", "bench-work"), Duration.ofSeconds(600), 10, 200, true, 10);
    }

    /**
     * @param args {@code --name value} pairs
     * @return the defaults with the given values
     * @throws IllegalArgumentException for an unknown option, a missing value or a bad number
     */
    public static BenchmarkOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!USAGE.contains("  " + args[i] + " ")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            given.put(args[i], args[i + 1]);
        }
        BenchmarkOptions d = defaults();
        return new BenchmarkOptions(
                number(given, "--messages", d.messages, 1),
                number(given, "--connections", d.connections, 1),
                number(given, "--runs", d.runs, 1),
                number(given, "--enqueue-threads", d.enqueueThreads, 0),
                number(given, "--stream-mb", d.streamMegabytes, 0),
                oneOf("--sink", given.getOrDefault("--sink", d.sink), Set.of("auto", "postfix", "java")),
                given.containsKey("--scenarios") ? scenarioSet(given.get("--scenarios")) : d.scenarios,
                Path.of(given.getOrDefault("--output", d.output.toString())),
                Path.of(given.getOrDefault("--work-dir", d.workDir.toString())),
                Duration.ofSeconds(number(given, "--run-limit-s", (int) d.runLimit.toSeconds(), 1)),
                number(given, "--latency-ms", d.latencyMillis, 0),
                number(given, "--commit-rate", d.commitsPerSecond, 0),
                oneOf("--tls", given.getOrDefault("--tls", d.tls ? "yes" : "no"), Set.of("yes", "no")).equals("yes"),
                number(given, "--warm-up-s", d.warmUpSeconds, 0));
    }

    /** @return the 1 KB workload (N) and the 100 KB workload (N/10, at least 1) */
    public Workload[] workloads() {
        return new Workload[] {new Workload("1 KB", 1024, messages), new Workload("100 KB", 100 * 1024, Math.max(1, messages / 10))};
    }

    /** @return the latency comparison's workload: 1 KB, N/50 messages, at least 100 */
    public Workload latencyWorkload() {
        return new Workload("1 KB, " + latencyMillis + " ms each way", 1024, Math.max(100, messages / 50));
    }

    /**
     * @return the TLS comparison's workload: 1 KB, N/10 messages, at least 1,000 (or N). A pooled
     *         client's four TLS handshakes fall inside the timed run; at 200 messages they were about
     *         a third of its CPU, which a pool in a server spreads over hours of mail.
     */
    public Workload tlsWorkload() {
        return new Workload("1 KB, implicit TLS", 1024, Math.max(messages / 10, Math.min(messages, 1_000)));
    }

    /**
     * @return the warm-up of the loopback throughput and durable enqueue tables: a tenth of the
     *         workload, at least a few messages per connection, repeated for {@code --warm-up-s}
     */
    public WarmUp warmUp(Workload workload) {
        return new WarmUp(oneTenth(workload), Duration.ofSeconds(warmUpSeconds));
    }

    /** @return the warm-up of the latency and TLS tables: one round of a tenth of the workload */
    public WarmUp oneWarmUpRound(Workload workload) {
        return WarmUp.once(oneTenth(workload));
    }

    private Workload oneTenth(Workload workload) {
        return workload.withCount(Math.min(workload.count(), Math.max(workload.count() / 10, 25 * connections)));
    }

    private static int number(Map<String, String> given, String name, int fallback, int least) {
        String value = given.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < least) {
                throw new IllegalArgumentException(name + " must be at least " + least);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, not " + value, e);
        }
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(name + " is one of " + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }

    private static Set<String> scenarioSet(String list) {
        Set<String> chosen = Arrays.stream(list.split(",")).map(String::strip).collect(Collectors.toSet());
        for (String s : chosen) {
            oneOf("--scenarios", s, ALL_SCENARIOS);
        }
        return Set.copyOf(chosen);
    }
}
