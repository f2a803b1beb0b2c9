package io.mailroom.benchmarks.report;

import io.mailroom.benchmarks.Measurement;
import io.mailroom.benchmarks.ScenarioRunner;
import io.mailroom.benchmarks.Workload;
import io.mailroom.benchmarks.scenario.ScenarioKind;
import io.mailroom.benchmarks.scenario.VertxMailScenario;
import java.util.List;
import java.util.Optional;

/** Formats {@link Results} as the Markdown that is printed and written to {@code RESULTS.md}. */
public final class MarkdownReport {
    private static final double MIB = 1024 * 1024;
    private static final String NONE = "—";

    private MarkdownReport() {
    }

    /** @return the whole report */
    public static String format(Results r) {
        StringBuilder out = new StringBuilder();
        out.append("# Mailroom benchmark results\n\n");
        header(out, r);
        out.append("\n## Throughput: ").append(r.options().connections()).append(" concurrent SMTP connections, one recipient per message\n\n");
        for (String label : r.throughput().stream().map(m -> m.workload().label()).distinct().toList()) {
            out.append(throughput(r, r.throughput(), label)).append('\n');
        }
        if (!r.latency().isEmpty()) {
            out.append("## Latency: ").append(r.options().latencyMillis()).append(" ms added each way, ")
                    .append(r.options().connections()).append(" connections\n\n")
                    .append("A proxy in front of the sink holds every piece of data ").append(r.options().latencyMillis())
                    .append(" ms in each direction, as a relay that far away would: first in front of the sink above ")
                    .append("(PIPELINING), then in front of the benchmarks' Java sink offering PIPELINING and CHUNKING. ")
                    .append("The pooled and reused clients only, and #5, whose delivery workers take the messages due ")
                    .append("(up to 8 each) and send them in turn, each envelope right behind the previous message; no × #1 ")
                    .append("or ceiling here. The proxy runs in this JVM, so its threads count in the client CPU column.\n\n");
            for (String label : r.latency().stream().map(m -> m.workload().label()).distinct().toList()) {
                out.append(throughput(r, r.latency(), label)).append('\n');
            }
        }
        if (!r.tls().isEmpty()) {
            out.append("## Implicit TLS, ").append(r.options().connections()).append(" connections\n\n")
                    .append("The benchmarks' Java sink behind implicit TLS (the JDK's TLS server, a certificate of test-support's ")
                    .append("test authority, which every client trusts; the sink runs in this JVM, so its TLS work counts in the ")
                    .append("client CPU column). #1 makes a TLS handshake per message; the others one per connection.\n\n");
            for (String label : r.tls().stream().map(m -> m.workload().label()).distinct().toList()) {
                out.append(throughput(r, r.tls(), label)).append('\n');
            }
        }
        if (r.commitLatency() != null) {
            out.append("## Commit-to-`250` latency, durable path, loopback\n\n").append(commitLatency(r.commitLatency())).append('\n');
        }
        if (!r.enqueue().isEmpty()) {
            out.append("## Durable enqueue, 1 KB messages, each forced to disk before the call returns\n\n")
                    .append(rates(r.enqueue(), "commits/s")).append('\n');
        }
        if (!r.streaming().isEmpty()) {
            out.append("## Streaming forward of a large EML\n\n").append(streaming(r.streaming())).append('\n');
        }
        out.append("## Targets (from the issue; shown here, never asserted in tests)\n\n").append(targets(r)).append('\n');
        method(out, r);
        return out.toString();
    }

    private static void header(StringBuilder out, Results r) {
        var m = r.machine();
        out.append("- Date: ").append(m.date()).append('\n')
                .append("- Command: `").append(r.command()).append("`\n")
                .append("- Machine: ").append(m.processors()).append(" CPUs (nproc), ").append(m.cpuModel()).append(", ")
                .append(m.memory()).append(" memory, ").append(m.os()).append('\n')
                .append("- Java: ").append(m.javaVersion()).append("; JVM flags: `").append(m.jvmArguments()).append("`\n")
                .append("- Sink: ").append(r.sink()).append('\n')
                .append("- Outbox directory on: ").append(r.workDirFileSystem()).append('\n')
                .append(String.format("- Load average (1 min): %.2f at the start, %.2f at the end (which counts this program's "
                        + "own last minute). Other builds may run on this machine at the same time; a load near or above the "
                        + "CPU count at the start means the figures are disturbed%n",
                        m.loadAverage(), r.loadAverageEnd()))
                .append(m.loadAverage() >= m.processors()
                        ? "- **This run was disturbed: the machine was loaded by other work (load at or above the CPU count). "
                        + "Compare rows of the same run with care; absolute figures are low.**\n" : "")
                .append("- Runs: median of ").append(r.options().runs()).append(" measured runs per row, after a warm-up (see How it was ")
                .append("measured); ")
                .append("rounds interleave the scenarios; whole run took ").append(r.elapsed().toSeconds()).append(" s\n");
        r.repeatedAfterHang().forEach((title, count) -> out.append("- Repeated: ").append(count)
                .append(count == 1 ? " run" : " runs").append(" of ").append(title)
                .append(", after the client hung on a known bug of its own (see How it was measured); the rows use the repeats\n"));
    }

    private static String throughput(Results r, List<Measurement> source, String label) {
        List<Measurement> rows = source.stream().filter(m -> m.workload().label().equals(label)).toList();
        Workload w = rows.get(0).workload();
        Optional<Double> baseline = r.median(ScenarioKind.TRANSPORT_SEND, label);
        Optional<Double> ceiling = r.median(ScenarioKind.SMTP_SOURCE, label);
        MarkdownTable table = new MarkdownTable("Scenario", ">msg/s (median)", ">min – max", ">× #1", ">× ceiling (#6)",
                ">SMTP connections", ">client CPU µs/msg", ">peak heap Δ", ">live heap Δ", ">alloc/msg");
        for (Measurement m : rows) {
            if (!m.succeeded()) {
                table.row(m.scenario().title(), "failed: " + m.failure(), NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE);
                continue;
            }
            double median = m.rate().median();
            table.row(m.scenario().title(),
                    String.format("%,.0f", median),
                    range("%,.0f", m, 1),
                    baseline.map(b -> String.format("%.2f×", median / b)).orElse(NONE),
                    ceiling.map(c -> String.format("%.2f×", median / c)).orElse(NONE),
                    String.format("%,d", m.connections()),
                    m.cpuMicrosPerMessage().map(c -> String.format("%,.0f", c)).orElse(NONE),
                    m.heap().map(h -> megabytes(h.peakBytes())).orElse(NONE),
                    m.heap().map(h -> megabytes(h.liveBytes())).orElse(NONE),
                    m.heap().map(h -> String.format("%.1f KB", h.allocatedPerMessage() / 1024.0)).orElse(NONE));
        }
        return "### " + label + " body × " + String.format("%,d", w.count()) + " messages\n\n" + table;
    }

    private static String rates(List<Measurement> measurements, String unit) {
        MarkdownTable table = new MarkdownTable("What", ">" + unit + " (median)", ">min – max", ">CPU µs/commit", ">alloc/commit");
        for (Measurement m : measurements) {
            if (!m.succeeded()) {
                table.row(m.scenario().title(), "failed: " + m.failure(), NONE, NONE, NONE);
                continue;
            }
            table.row(m.scenario().title() + " (" + String.format("%,d", m.workload().count()) + " commits)",
                    String.format("%,.0f", m.rate().median()),
                    range("%,.0f", m, 1),
                    m.cpuMicrosPerMessage().map(c -> String.format("%,.0f", c)).orElse(NONE),
                    m.heap().map(h -> String.format("%.1f KB", h.allocatedPerMessage() / 1024.0)).orElse(NONE));
        }
        return table.toString();
    }

    private static String streaming(List<Measurement> measurements) {
        MarkdownTable table = new MarkdownTable("What", ">size", ">MB/s (median)", ">min – max", ">heap growth (peak)",
                ">live heap growth", ">allocated");
        for (Measurement m : measurements) {
            double size = m.workload().bodyBytes() / MIB;
            if (!m.succeeded()) {
                table.row(m.scenario().title(), String.format("%.0f MB", size), "failed: " + m.failure(), NONE, NONE, NONE, NONE);
                continue;
            }
            table.row(m.scenario().title(),
                    String.format("%.0f MB", size),
                    String.format("%.1f", m.rate().median() * size),
                    range("%.1f", m, size),
                    m.heap().map(h -> String.format("%.1f MB", h.peakBytes() / MIB)).orElse(NONE),
                    m.heap().map(h -> String.format("%.1f MB", h.liveBytes() / MIB)).orElse(NONE),
                    m.heap().map(h -> megabytes(h.allocatedPerMessage())).orElse(NONE));
        }
        return table.toString();
    }

    private static String commitLatency(CommitLatency c) {
        MarkdownTable table = new MarkdownTable("Load", ">commits", ">p50", ">p99", ">max");
        table.row(String.format("steady: %d commits/s for %d s, one enqueuing thread, %d delivery workers", c.perSecond(),
                        c.seconds(), c.workers()),
                String.format("%,d", c.steady().length), millis(c.steady(), 50), millis(c.steady(), 99), millis(c.steady(), 100));
        table.row(String.format("idle: one commit after %,d ms without any (no worker running)", c.idleGapMillis()),
                String.format("%,d", c.idle().length), millis(c.idle(), 50), millis(c.idle(), 99), millis(c.idle(), 100));
        return "From the return of `MailConnection.enqueue` (composed, forced to disk) to the moment the Java sink "
                + "(PIPELINING, in this JVM) has read the message's end of data, by its envelope recipient (one per message). "
                + "After a warm-up of 200 commits at the same rate.\n\n" + table;
    }

    private static String millis(long[] sorted, double percentile) {
        return sorted.length == 0 ? NONE : String.format("%.1f ms", CommitLatency.percentileMillis(sorted, percentile));
    }

    /** @return "min – max" of the rates, each multiplied by {@code scale} */
    private static String range(String format, Measurement m, double scale) {
        return String.format(format, m.rate().min() * scale) + " – " + String.format(format, m.rate().max() * scale);
    }

    private static String megabytes(long bytes) {
        return String.format("%.0f MB", bytes / MIB);
    }

    private static String targets(Results r) {
        MarkdownTable table = new MarkdownTable("Target", "Measured", "Needed", "Result");
        for (Targets.Check c : Targets.evaluate(r)) {
            String verdict = switch (c.verdict()) {
                case PASS -> "pass";
                case MISS -> "**miss**";
                case NOT_MEASURED -> "not measured";
            };
            table.row(c.target(), c.measured(), c.needed(), verdict);
        }
        return table.toString();
    }

    private static void method(StringBuilder out, Results r) {
        out.append("## How it was measured\n\n")
                .append("- Every scenario builds each message inside the timed loop, as application code would: From, To, Subject, ")
                .append("a text/plain UTF-8 body of the stated size. #6 sends smtp-source's own message of the same body size.\n")
                .append("- msg/s = messages / wall time from the first send to the last `250` (for #5: from the first ")
                .append("enqueue to the last `250` the delivery workers report). #1–#5, #7 and #8 use ")
                .append(r.options().connections()).append(" threads; #3 sizes Simple Java Mail's pool to the same count, #8 ")
                .append("Vert.x's; #4 and #5 take a pooled connection per message (getConnection, send or enqueue, close) ")
                .append("and use Mailroom's defaults (pipelining on, maxConnectionAgeSeconds = 300). #7 is #2 with a socket ")
                .append("factory that sets TCP_NODELAY (Mailroom and Vert.x set it too). The sink offers PIPELINING but not ")
                .append("CHUNKING, so Mailroom and Vert.x pipeline the envelope with DATA: two round trips per message; ")
                .append("#5's workers, with several messages due, send the next envelope behind each message: one.\n")
                .append("- Warm-up, not timed: in the loopback throughput and durable enqueue tables each Java client repeats a ")
                .append("round of a tenth of the workload for ").append(r.options().warmUpSeconds()).append(" s before its ")
                .append("measured runs, so that the JIT has compiled its hot paths (a mail client in a server sends for hours; ")
                .append("one short round left the compiler's threads in the CPU column); smtp-source (C) runs that round once. ")
                .append("The latency and TLS tables warm up with one round.\n")
                .append("- Every compared run is checked at the sink: it must have accepted exactly the messages sent ")
                .append("(smtp-sink's message counter); a run that lost or duplicated one fails and is shown as failed.\n")
                .append("- One known hang is repeated rather than failed: vertx-mail-client 5.0.7 sets a new connection's ")
                .append("reply handler only after its pool has handed the connection out, and Vert.x drops data that arrives ")
                .append("on a socket without a handler, so a greeting that a loopback server sends at once is sometimes lost and ")
                .append("the connection waits for it forever (the sink saw the 220 go out and no EHLO come back). A Vert.x send not ")
                .append("done within ").append(VertxMailScenario.HANG_SECONDS).append(" s is taken for that; the run is repeated with a new ")
                .append("client, at most ").append(ScenarioRunner.HANG_REPEATS).append(" times, and the ")
                .append("header counts the repeats. Any other failure fails the row.\n")
                .append("- Client CPU µs/msg: this JVM's process CPU time (all threads: GC, JIT and the heap sampler included) ")
                .append("during the timed run, divided by the messages; — for #6, which runs in its own process.\n")
                .append("- SMTP connections: sessions the sink saw end during the run, set-up and close included.\n")
                .append("- Heap, all relative to the heap in use after a full GC just before the run (the baseline), over the whole ")
                .append("JVM (the Java sink too, when it is the sink); — where the work runs in another process. ")
                .append("Peak heap Δ: the highest heap in use, sampled every 2 ms and just before each GC; it includes garbage not yet ")
                .append("collected, so with a 2 GB heap it mostly shows how far G1's eden filled, not what was kept. ")
                .append("Live heap Δ: the most the heap held right after a GC, among the GCs during the run and one forced at its end ")
                .append("before pools close: what the scenario keeps reachable. alloc/msg: heap growth plus what every GC freed, ")
                .append("divided by the messages.\n")
                .append("- Durable enqueue: the journal alone (`JournalOutbox.commitOnePhase`, one pre-composed message per commit) ")
                .append("and through the API (`MailConnection.enqueue`, composing each message, with delivery workers draining ")
                .append("concurrently, and with delivery paused: the enqueue path alone), on the file system named above. The ")
                .append("enqueue target is judged on the row with the delivery workers running.\n")
                .append("- Streaming: measured first, before any other table, so that nothing an earlier client left in the JVM ")
                .append("counts. The EML file is generated once (not timed) and read through a 64 KB BufferedInputStream. ")
                .append("Heap growth is the peak above the baseline, as above; with one message, garbage is small, so the peak is ")
                .append("close to what the send kept alive.\n");
    }
}
