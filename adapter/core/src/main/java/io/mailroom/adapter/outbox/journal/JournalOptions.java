package io.mailroom.adapter.outbox.journal;

/**
 * How a {@link JournalOutbox} sizes and forces its journal.
 *
 * @param maxBytes the most bytes the journal's segment files may occupy together; a commit or
 *                 prepare that would pass it fails with {@code MAILROOM-5001}. Delivery outcomes
 *                 and branch commits are always accepted, so a full outbox can still drain. Dead
 *                 letters (in {@code dead/}) are not counted. Default 256 MiB.
 * @param segmentBytes the size at which the journal starts a new segment file, capped at a quarter
 *                     of {@code maxBytes} so that settled segments are freed well before the
 *                     outbox is full; a single larger record gets a segment of its own. Default
 *                     64 MiB.
 * @param groupCommit {@code true} to let concurrent commits share one disk force (the default);
 *                    {@code false} forces once per commit, which is slower and only useful for
 *                    comparison
 */
public record JournalOptions(long maxBytes, long segmentBytes, boolean groupCommit) {
    private static final long MIB = 1024 * 1024;

    /** Smallest allowed size for either bound: room for a segment header and a small message. */
    static final long MIN_BYTES = 1024;

    public JournalOptions {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException(JournalMessages.invalidOption("maxBytes", maxBytes, "must be at least " + MIN_BYTES));
        }
        if (segmentBytes < MIN_BYTES) {
            throw new IllegalArgumentException(
                    JournalMessages.invalidOption("segmentBytes", segmentBytes, "must be at least " + MIN_BYTES));
        }
    }

    /** @return 256 MiB in 64 MiB segments, with group commit */
    public static JournalOptions defaults() {
        return new JournalOptions(256 * MIB, 64 * MIB, true);
    }

    /** @return these options with another {@link #maxBytes()} */
    public JournalOptions withMaxBytes(long bytes) {
        return new JournalOptions(bytes, segmentBytes, groupCommit);
    }

    /** @return these options with another {@link #segmentBytes()} */
    public JournalOptions withSegmentBytes(long bytes) {
        return new JournalOptions(maxBytes, bytes, groupCommit);
    }

    /** @return these options with group commit on or off */
    public JournalOptions withGroupCommit(boolean on) {
        return new JournalOptions(maxBytes, segmentBytes, on);
    }
}
