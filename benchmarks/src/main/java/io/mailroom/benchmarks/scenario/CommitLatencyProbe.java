package io.mailroom.benchmarks.scenario;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.report.CommitLatency;
import io.mailroom.benchmarks.sink.JavaSmtpSink;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Commit-to-{@code 250} latency of the durable path at a light, steady load: one thread enqueues
 * ({@code MailConnection.enqueue}, each call forced to disk) at a fixed rate, and the Java sink
 * notes when each message's end of data arrives, by its envelope recipient (one per message). The
 * latency of a message is from the return of its enqueue to that arrival. Then a few commits
 * with pauses longer than a worker lingers, so each finds no worker running: the idle case.
 */
public final class CommitLatencyProbe {
    private static final long SETTLE_NANOS = 10_000_000_000L;
    private static final int WARM_UP = 200;

    private final LoadSettings settings;
    private final int perSecond;
    private final int seconds;
    private final int idleCommits;
    private final long idleGapMillis;

    /**
     * @param settings the work dir and delivery worker count (the sink is the probe's own)
     * @param perSecond commits per second in the steady part
     * @param seconds how long the steady part lasts
     * @param idleCommits commits in the idle part, each after a pause of {@code idleGapMillis}
     */
    public CommitLatencyProbe(LoadSettings settings, int perSecond, int seconds, int idleCommits, long idleGapMillis) {
        this.settings = settings;
        this.perSecond = perSecond;
        this.seconds = seconds;
        this.idleCommits = idleCommits;
        this.idleGapMillis = idleGapMillis;
    }

    /** @return the latencies, steady and idle */
    public CommitLatency measure() throws Exception {
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        try (JavaSmtpSink sink = JavaSmtpSink.recording(recipient -> arrived.put(recipient, System.nanoTime()))) {
            LoadSettings local = new LoadSettings(sink.port(), settings.connections(), settings.runLimit(), settings.workDir());
            try (MailroomClient client = MailroomClient.start(local, 1, settings.connections())) {
                client.factory().outboxStatus(); // opens the outbox
                paced(client, "warm", WARM_UP, arrived);
                long[] steady = paced(client, "steady", perSecond * seconds, arrived);
                long[] idle = new long[idleCommits];
                for (int i = 0; i < idleCommits; i++) {
                    Thread.sleep(idleGapMillis);
                    long committed = enqueue(client, address("idle", i));
                    idle[i] = latencies("idle", i, new long[] {committed}, arrived)[0];
                }
                return new CommitLatency(perSecond, seconds, settings.connections(), sorted(steady), sorted(idle), idleGapMillis);
            }
        }
    }

    /** Enqueues {@code count} messages at the steady rate; @return each one's latency in nanoseconds */
    private long[] paced(MailroomClient client, String prefix, int count, Map<String, Long> arrived) throws Exception {
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long[] committed = new long[count];
        for (int i = 0; i < count; i++) {
            long slot = start + i * period;
            for (long wait; (wait = slot - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(wait);
            }
            committed[i] = enqueue(client, address(prefix, i));
        }
        return latencies(prefix, 0, committed, arrived);
    }

    /** @return when the enqueue returned, {@link System#nanoTime()} */
    private static long enqueue(MailroomClient client, String recipient) throws Exception {
        Email email = Email.builder().from(Payload.FROM).to(recipient).subject("latency " + recipient)
                .text(Payload.body(1024)).build();
        try (MailConnection connection = client.factory().getConnection()) {
            connection.enqueue(email);
        }
        return System.nanoTime();
    }

    /**
     * Waits for messages {@code first..} of {@code prefix} at the sink.
     *
     * @param committed when each enqueue returned
     * @return each message's latency, nanoseconds
     */
    private static long[] latencies(String prefix, int first, long[] committed, Map<String, Long> arrived) throws Exception {
        long deadline = System.nanoTime() + SETTLE_NANOS;
        long[] latency = new long[committed.length];
        for (int i = 0; i < committed.length; i++) {
            Long at;
            while ((at = arrived.get(address(prefix, first + i))) == null) {
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException(prefix + " message " + i + " of " + committed.length + " not delivered within 10 s");
                }
                Thread.sleep(5);
            }
            latency[i] = at - committed[i];
        }
        return latency;
    }

    private static String address(String prefix, int index) {
        return prefix + index + "@example.com";
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
