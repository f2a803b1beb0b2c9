package io.mailroom.adapter.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Durable one-phase commits per second with concurrent transaction threads, group commit on and
 * off. Each commit stores one message and returns only once it is forced to disk.
 *
 * <pre>
 * java -cp target/classes:target/test-classes io.mailroom.adapter.outbox.JournalBenchmark [threads] [seconds] [messageBytes] [dir]
 * </pre>
 *
 * Defaults: 16 threads, 5 seconds per mode, 1024-byte messages, a temporary directory (use a
 * directory on the disk you want to measure).
 */
public final class JournalBenchmark {
    private JournalBenchmark() {
    }

    private record Result(String mode, int threads, long commits, double seconds, long forces, double meanMillis) {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int messageBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        Path base = args.length > 3 ? Files.createDirectories(Path.of(args[3])) : Files.createTempDirectory("journal-bench");

        OutboxMessage message = message(messageBytes);
        List<Result> results = new ArrayList<>();
        for (boolean group : new boolean[] {true, false}) {
            run(base, group, threads, 1, message); // warm-up
            results.add(run(base, group, threads, seconds, message));
        }

        System.out.printf("%-14s %7s %9s %12s %8s %14s %12s%n",
                "mode", "threads", "commits", "commits/s", "forces", "commits/force", "mean ms");
        for (Result r : results) {
            System.out.printf("%-14s %7d %9d %12.0f %8d %14.1f %12.2f%n", r.mode(), r.threads(), r.commits(),
                    r.commits() / r.seconds(), r.forces(), (double) r.commits() / Math.max(1, r.forces()), r.meanMillis());
        }
        if (args.length <= 3) {
            deleteTree(base);
        }
    }

    private static Result run(Path base, boolean group, int threads, int seconds, OutboxMessage message) throws Exception {
        Path dir = Files.createTempDirectory(base, group ? "group" : "single");
        JournalOptions options = JournalOptions.defaults().withMaxBytes(8L << 30).withGroupCommit(group);
        LongAdder commits = new LongAdder();
        LongAdder nanos = new LongAdder();
        long forces;
        long elapsed;
        try (JournalOutbox outbox = JournalOutbox.open(dir, options)) {
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            List<Exception> failures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        while (System.nanoTime() < deadline) {
                            long before = System.nanoTime();
                            outbox.commitOnePhase(List.of(message));
                            nanos.add(System.nanoTime() - before);
                            commits.increment();
                        }
                    } catch (OutboxException e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            elapsed = System.nanoTime() - start;
            forces = outbox.forceCount();
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        } finally {
            deleteTree(dir);
        }
        return new Result(group ? "group commit" : "force each", threads, commits.sum(), elapsed / 1e9, forces,
                nanos.sum() / 1e6 / Math.max(1, commits.sum()));
    }

    private static OutboxMessage message(int bytes) {
        String headers = "From: bench@example.com\r\nTo: rcpt@example.org\r\nSubject: benchmark\r\n\r\n";
        byte[] mime = (headers + "x".repeat(Math.max(0, bytes - headers.length()))).getBytes(StandardCharsets.US_ASCII);
        return new OutboxMessage("bench@example.com", List.of("rcpt@example.org"), "<bench@mailroom.test>", mime);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
