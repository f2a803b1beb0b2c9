package io.mailroom.benchmarks;

import io.mailroom.benchmarks.report.CommitLatency;
import io.mailroom.benchmarks.scenario.CommitLatencyProbe;
import io.mailroom.benchmarks.scenario.JournalCommitScenario;
import io.mailroom.benchmarks.scenario.MailroomDirectScenario;
import io.mailroom.benchmarks.scenario.MailroomDrainScenario;
import io.mailroom.benchmarks.scenario.MailroomDurableScenario;
import io.mailroom.benchmarks.scenario.MailroomEnqueueScenario;
import io.mailroom.benchmarks.scenario.Scenario;
import io.mailroom.benchmarks.sink.PostfixSmtpSink;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Client CPU and allocation per 1 KB message of Mailroom direct (scenario #4) or
 * {@code MailConnection.enqueue} (16 threads, 4 delivery workers; {@code enqueue-paused}: the same
 * with delivery paused, so the enqueue path's own cost; {@code journal}: the outbox journal's
 * commits alone, 16 threads, a pre-composed message; {@code drain}: the delivery workers alone,
 * sending an outbox that 16 threads filled while delivery was paused, to the last {@code 250};
 * {@code durable}: scenario #5, 4 threads enqueuing while the delivery workers send, to the last
 * {@code 250}), round after round in one JVM; or
 * ({@code latency}) the commit-to-{@code 250} latency at 200 commits/s, as the benchmark program measures it:
 * figures that a loaded machine disturbs far less than throughput (allocation not at all), for
 * comparing two builds of the adapter while other work runs. Needs Postfix's {@code smtp-sink}.
 *
 * <pre>java -Xms2g -Xmx2g -XX:+UseG1GC -cp CLASSPATH io.mailroom.benchmarks.PerMessageCost direct|enqueue|enqueue-paused|journal|drain|durable|latency [messages] [rounds]</pre>
 *
 * Each round prints msg/s, process CPU µs per message (all threads: GC, JIT and, for enqueue, the
 * delivery workers as far as they got) and KB allocated per message (every thread's allocation).
 * Round 0 warms up.
 */
public final class PerMessageCost {
    private PerMessageCost() {
    }

    /** Commit-to-250 latency at 200 commits/s for 5 s, then 4 commits 2.5 s apart, {@code rounds} times. */
    private static void latency(LoadSettings settings, int rounds) throws Exception {
        for (int round = 0; round < rounds; round++) {
            CommitLatency l = new CommitLatencyProbe(settings, 200, 5, 4, 2_500).measure();
            System.out.printf("latency round %d: steady p50 %.2f ms, p99 %.2f ms, max %.2f ms; idle max %.2f ms%n", round,
                    CommitLatency.percentileMillis(l.steady(), 50), CommitLatency.percentileMillis(l.steady(), 99),
                    CommitLatency.percentileMillis(l.steady(), 100), CommitLatency.percentileMillis(l.idle(), 100));
        }
    }

    /** @param args {@code direct}, {@code enqueue}, {@code enqueue-paused}, {@code journal}, {@code drain}, {@code durable} or {@code latency}, then messages per round [5000] and rounds [4] */
    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "direct";
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path work = Files.createTempDirectory("mailroom-cost");
        WorkDir workDir = new WorkDir(work);
        PostfixSmtpSink sink = PostfixSmtpSink.start(work);
        try {
            LoadSettings settings = new LoadSettings(sink.port(), 4, Duration.ofMinutes(5), workDir);
            if ("latency".equals(what)) {
                latency(settings, rounds);
                return;
            }
            Scenario scenario = switch (what) {
                case "enqueue" -> new MailroomEnqueueScenario(settings, 16);
                case "enqueue-paused" -> new MailroomEnqueueScenario(settings, 16, true);
                case "journal" -> new JournalCommitScenario(settings, 16, true);
                case "drain" -> new MailroomDrainScenario(settings, 16);
                case "durable" -> new MailroomDurableScenario(settings);
                default -> new MailroomDirectScenario(settings);
            };
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Workload workload = new Workload("1 KB", 1024, messages);
            for (int round = 0; round < rounds; round++) {
                try (Scenario.Trial trial = scenario.prepare(workload)) {
                    long cpu = os.getProcessCpuTime();
                    long allocated = threads.getTotalThreadAllocatedBytes();
                    long start = System.nanoTime();
                    trial.run();
                    long wall = System.nanoTime() - start;
                    cpu = os.getProcessCpuTime() - cpu;
                    allocated = threads.getTotalThreadAllocatedBytes() - allocated;
                    System.out.printf("%s round %d: %.0f msg/s, %.0f us CPU/msg, %.1f KB alloc/msg%n", what, round,
                            messages * 1e9 / wall, cpu / 1e3 / messages, allocated / 1024.0 / messages);
                }
            }
        } finally {
            sink.close();
            workDir.deleteRecursively(work);
        }
    }
}
