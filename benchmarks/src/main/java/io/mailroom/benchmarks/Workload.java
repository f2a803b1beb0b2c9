package io.mailroom.benchmarks;

/**
 * What one measurement sends: {@code count} messages, each with a plain-text body of
 * {@code bodyBytes} bytes, to one recipient each.
 *
 * @param label how the tables name it ("1 KB")
 * @param bodyBytes the body size in bytes, headers not counted
 * @param count how many messages
 */
public record Workload(String label, int bodyBytes, int count) {

    /** @return the same message size with another count (for warm-up rounds) */
    public Workload withCount(int newCount) {
        return new Workload(label, bodyBytes, newCount);
    }
}
