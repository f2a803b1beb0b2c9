package io.mailroom.adapter.outbox.journal;

import java.util.HashMap;
import java.util.Map;

/**
 * Per segment, how many live things it holds (entries whose bytes are there, prepared branches
 * whose record is there) and how many MIME bytes of live entries. A segment with no live things
 * can go once it is the oldest. Not thread-safe: {@link JournalIndex} guards it.
 */
final class SegmentUsage {
    private final Map<Long, long[]> bySegment = new HashMap<>();

    void add(long segment, long bytes) {
        long[] usage = bySegment.computeIfAbsent(segment, s -> new long[2]);
        usage[0]++;
        usage[1] += bytes;
    }

    void remove(long segment, long bytes) {
        long[] usage = bySegment.get(segment);
        if (usage == null) {
            return;
        }
        usage[0]--;
        usage[1] -= bytes;
        if (usage[0] == 0) {
            bySegment.remove(segment);
        }
    }

    long items(long segment) {
        long[] usage = bySegment.get(segment);
        return usage == null ? 0 : usage[0];
    }

    long bytes(long segment) {
        long[] usage = bySegment.get(segment);
        return usage == null ? 0 : usage[1];
    }
}
