package io.mailroom.benchmarks.report;

/**
 * Commit-to-{@code 250} latencies of the durable path, sorted, in nanoseconds. A latency may be
 * negative by a little when the message reaches the sink before the enqueue call has returned.
 *
 * @param perSecond commits per second in the steady part
 * @param seconds how long the steady part lasted
 * @param workers delivery workers
 * @param steady the steady part's latencies, sorted
 * @param idle the idle part's latencies (each commit after a pause), sorted
 * @param idleGapMillis the pause before each idle commit
 */
public record CommitLatency(int perSecond, int seconds, int workers, long[] steady, long[] idle, long idleGapMillis) {

    /** @return the {@code p}-th percentile (0..100) of sorted values, nearest rank, in milliseconds */
    public static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] / 1e6;
    }
}
