package io.mailroom.adapter.health;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxStats;
import io.mailroom.api.OutboxHealth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Reads one outbox's {@link OutboxHealth}; never throws: a journal that fails to answer is the report. */
public final class OutboxHealthReader {
    private final Outbox outbox;
    private final Path directory;
    private final long maxBytes;
    private final DeliveryProgress progress;
    private final Clock clock;

    /** @param directory the journal's directory, checked for being writable; {@code null} for an outbox without one (JDBC) */
    public OutboxHealthReader(Outbox outbox, Path directory, long maxBytes, DeliveryProgress progress, Clock clock) {
        this.outbox = outbox;
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * @param deliveryMethod the factory's delivery method, reported as it is
     * @return the state now
     */
    public OutboxHealth read(String deliveryMethod) {
        boolean writable = directory == null || Files.isDirectory(directory) && Files.isWritable(directory);
        try {
            OutboxStats stats = outbox.stats();
            Optional<Instant> next = outbox.nextDue();
            Instant dueSince = next.filter(due -> !due.isAfter(clock.instant())).orElse(null);
            return new OutboxHealth(deliveryMethod, stats.bytesUsed(), maxBytes, writable, null, stats.queued(),
                    stats.deferred(), stats.dead(), dueSince, progress.last());
        } catch (RuntimeException e) {
            return new OutboxHealth(deliveryMethod, 0, maxBytes, writable, String.valueOf(e), 0, 0, 0, null,
                    progress.last());
        }
    }
}
