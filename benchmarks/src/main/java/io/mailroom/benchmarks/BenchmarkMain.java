package io.mailroom.benchmarks;

import io.mailroom.benchmarks.report.CommitLatency;
import io.mailroom.benchmarks.report.MarkdownReport;
import io.mailroom.benchmarks.report.Results;
import io.mailroom.benchmarks.scenario.CommitLatencyProbe;
import io.mailroom.benchmarks.scenario.ComparedScenario;
import io.mailroom.benchmarks.scenario.JdbcCommitScenario;
import io.mailroom.benchmarks.scenario.JournalCommitScenario;
import io.mailroom.benchmarks.scenario.Scenario;
import io.mailroom.benchmarks.scenario.MailroomDirectScenario;
import io.mailroom.benchmarks.scenario.MailroomDurableScenario;
import io.mailroom.benchmarks.scenario.MailroomJdbcDurableScenario;
import io.mailroom.benchmarks.scenario.MailroomEnqueueScenario;
import io.mailroom.benchmarks.scenario.ReusedTransportScenario;
import io.mailroom.benchmarks.scenario.SimpleJavaMailScenario;
import io.mailroom.benchmarks.scenario.SmtpSourceScenario;
import io.mailroom.benchmarks.scenario.StreamingForwardScenario;
import io.mailroom.benchmarks.scenario.TransportSendScenario;
import io.mailroom.benchmarks.scenario.VertxMailScenario;
import io.mailroom.benchmarks.sink.DelayProxy;
import io.mailroom.benchmarks.sink.JavaSmtpSink;
import io.mailroom.benchmarks.sink.PostfixSmtpSink;
import io.mailroom.benchmarks.sink.Sink;
import io.mailroom.testsupport.PostgresCluster;
import io.mailroom.testsupport.TestCertificates;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs every benchmark in one go, prints the results as Markdown and writes them to
 * {@code RESULTS.md}: the throughput comparison at 1 KB and 100 KB, the pooled clients behind a
 * proxy that adds latency, durable enqueue rates, the clients behind implicit TLS, commit-to-{@code 250}
 * latency, and the streaming forward of a large EML. See {@link BenchmarkOptions#USAGE}.
 */
public final class BenchmarkMain {
    private static final int MIB = 1024 * 1024;
    private static final int COMMIT_LATENCY_SECONDS = 5;
    private static final int IDLE_COMMITS = 4;
    private static final long IDLE_GAP_MILLIS = 2_500;

    private BenchmarkMain() {
    }

    /** @param args see {@link BenchmarkOptions#USAGE} */
    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        String report = MarkdownReport.format(run(options, command(args)));
        System.out.println();
        System.out.println(report);
        Files.writeString(options.output(), report);
        System.out.println("Written to " + options.output().toAbsolutePath());
        // A client that stalled and failed its run (its threads not daemons) must not keep the JVM alive.
        System.exit(0);
    }

    private static Results run(BenchmarkOptions options, String command) throws Exception {
        long started = System.nanoTime();
        Machine machine = Machine.current();
        WorkDir workDir = new WorkDir(options.workDir());
        try (Sink sink = openSink(options.sink(), workDir)) {
            System.out.println("Sink: " + sink.description() + ", port " + sink.port() + "; work dir " + workDir.root()
                    + " (" + workDir.fileSystemType() + ")");
            LoadSettings settings = new LoadSettings(sink.port(), options.connections(), options.runLimit(), workDir);
            ScenarioRunner runner = new ScenarioRunner(sink, System.out);

            // First, while nothing else has run in this JVM: the heap probe counts the whole JVM, and a
            // client of an earlier table that stalled (its threads and buffers still alive) would count.
            List<Measurement> streaming = List.of();
            if (options.streamMegabytes() > 0) {
                Workload w = new Workload(options.streamMegabytes() + " MB EML", options.streamMegabytes() * MIB, 1);
                streaming = runner.compare(List.of(new StreamingForwardScenario(settings)), w, null, options.runs());
            }
            List<Measurement> throughput = new ArrayList<>();
            for (Workload w : options.workloads()) {
                throughput.addAll(runner.compare(compared(settings, options), w, options.warmUp(w), options.runs()));
                if (options.scenarios().contains("6") && !SmtpSourceScenario.installed()) {
                    throughput.add(Measurement.skipped(new SmtpSourceScenario(settings), w,
                            "smtp-source not installed (apt-get install postfix)"));
                }
            }
            List<Measurement> latency = new ArrayList<>();
            if (options.latencyMillis() > 0) {
                latency.addAll(far(runner, sink, options, workDir, options.latencyWorkload()));
                try (JavaSmtpSink chunking = JavaSmtpSink.start(true)) {
                    Workload w = options.latencyWorkload();
                    latency.addAll(far(new ScenarioRunner(chunking, System.out), chunking, options, workDir,
                            new Workload(w.label() + ", CHUNKING", w.bodyBytes(), w.count())));
                }
            }
            List<Measurement> enqueue = List.of();
            if (options.enqueueThreads() > 0) {
                int threads = options.enqueueThreads();
                Workload w = new Workload("1 KB", 1024, options.messages());
                List<Scenario> scenarios = new ArrayList<>(List.of(new JournalCommitScenario(settings, threads, true),
                        new JournalCommitScenario(settings, threads, false),
                        new MailroomEnqueueScenario(settings, threads),
                        new MailroomEnqueueScenario(settings, threads, true)));
                try (PostgresCluster postgres = PostgresCluster.unavailableReason() == null ? PostgresCluster.start() : null) {
                    if (postgres != null) {
                        scenarios.add(new JdbcCommitScenario(settings, threads, postgres));
                        scenarios.add(new MailroomDurableScenario(settings));
                        scenarios.add(new MailroomJdbcDurableScenario(settings, postgres));
                    } else {
                        System.out.println("  JDBC outbox row skipped: " + PostgresCluster.unavailableReason());
                    }
                    enqueue = runner.compare(scenarios, w, options.warmUp(w), options.runs());
                }
            }
            List<Measurement> tls = options.tls() ? tls(runner, options, workDir) : List.of();
            CommitLatency commitLatency = null;
            if (options.commitsPerSecond() > 0) {
                System.out.println("  commit-to-250 latency: " + options.commitsPerSecond() + " commits/s for "
                        + COMMIT_LATENCY_SECONDS + " s, then " + IDLE_COMMITS + " commits " + IDLE_GAP_MILLIS + " ms apart");
                commitLatency = new CommitLatencyProbe(settings, options.commitsPerSecond(), COMMIT_LATENCY_SECONDS, IDLE_COMMITS,
                        IDLE_GAP_MILLIS).measure();
            }
            return new Results(machine, command, sink.description(), workDir.fileSystemType(), options, throughput, latency,
                    enqueue, streaming, tls, commitLatency, ScenarioRunner.repeatedAfterHang(), Machine.loadAverageNow(),
                    Duration.ofNanos(System.nanoTime() - started));
        } finally {
            workDir.deleteRecursively(workDir.root());
        }
    }

    /**
     * The clients against a Java sink behind implicit TLS, its certificate signed by test-support's
     * test authority, which every client trusts: per-message connections (#1) against pooled ones.
     */
    private static List<Measurement> tls(ScenarioRunner plainRunner, BenchmarkOptions options, WorkDir workDir) throws Exception {
        TestCertificates certificates = TestCertificates.get();
        try (JavaSmtpSink sink = JavaSmtpSink.implicitTls(certificates.localhost().serverContext())) {
            LoadSettings tls = new LoadSettings(sink.port(), options.connections(), options.runLimit(), workDir,
                    certificates.caTrustStore());
            List<ComparedScenario> scenarios = List.<ComparedScenario>of(
                    new TransportSendScenario(tls),
                    new ReusedTransportScenario(tls, false),
                    new MailroomDirectScenario(tls),
                    new VertxMailScenario(tls)).stream()
                    .filter(s -> options.scenarios().contains(s.kind().orElseThrow().number())).toList();
            Workload w = options.tlsWorkload();
            return new ScenarioRunner(sink, System.out).compare(scenarios, w, options.oneWarmUpRound(w), options.runs());
        }
    }

    private static List<ComparedScenario> compared(LoadSettings settings, BenchmarkOptions options) {
        List<ComparedScenario> all = new ArrayList<>(List.of(
                new TransportSendScenario(settings),
                new ReusedTransportScenario(settings, false),
                new SimpleJavaMailScenario(settings),
                new MailroomDirectScenario(settings),
                new MailroomDurableScenario(settings)));
        if (SmtpSourceScenario.installed()) {
            all.add(new SmtpSourceScenario(settings));
        }
        all.add(new ReusedTransportScenario(settings, true));
        all.add(new VertxMailScenario(settings));
        return all.stream().filter(s -> options.scenarios().contains(s.kind().orElseThrow().number())).toList();
    }

    /** The latency comparison: the pooled and reused clients through a delay proxy in front of the sink. */
    private static List<Measurement> far(ScenarioRunner runner, Sink sink, BenchmarkOptions options, WorkDir workDir, Workload w)
            throws Exception {
        try (DelayProxy proxy = DelayProxy.start(sink.port(), Duration.ofMillis(options.latencyMillis()))) {
            LoadSettings far = new LoadSettings(proxy.port(), options.connections(), options.runLimit(), workDir);
            return runner.compare(latencyScenarios(far, options), w, WarmUp.once(w.withCount(Math.max(20, w.count() / 5))), options.runs());
        }
    }

    /**
     * The pooled and reused clients behind the delay proxy (per-message connections would only
     * measure handshakes), and the durable path, whose delivery workers send the messages due in turn.
     */
    private static List<ComparedScenario> latencyScenarios(LoadSettings settings, BenchmarkOptions options) {
        return List.<ComparedScenario>of(
                new ReusedTransportScenario(settings, true),
                new VertxMailScenario(settings),
                new MailroomDirectScenario(settings),
                new MailroomDurableScenario(settings)).stream()
                .filter(s -> options.scenarios().contains(s.kind().orElseThrow().number())).toList();
    }

    private static Sink openSink(String choice, WorkDir workDir) throws Exception {
        boolean postfix = switch (choice) {
            case "postfix" -> true;
            case "java" -> false;
            default -> PostfixSmtpSink.installed();
        };
        if (postfix && !PostfixSmtpSink.installed()) {
            throw new IllegalStateException(PostfixSmtpSink.PROGRAM + " is not installed (apt-get install postfix)");
        }
        return postfix ? PostfixSmtpSink.start(workDir.root()) : JavaSmtpSink.start();
    }

    /** How this run was started: the documented Maven command when run through it. */
    private static String command(String[] args) {
        String viaMaven = System.getProperty("bench.args");
        if (viaMaven == null) {
            return "java -cp <class path> " + BenchmarkMain.class.getName() + " " + String.join(" ", args);
        }
        String base = "mvn -pl benchmarks -am -Pbench -DskipTests verify";
        return viaMaven.isBlank() ? base : base + " -Dbench.args=\"" + viaMaven.strip() + "\"";
    }
}
