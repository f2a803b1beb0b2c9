package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Claims due rows in batches ({@code OutboxSql.CLAIM_BATCH}: up to {@link JdbcOptions#claimRows()}
 * rows and {@link JdbcOptions#claimBytes()} message bytes in one statement, one commit) and hands
 * them to the delivery workers one at a time, oldest first. One claim runs at a time per instance,
 * and only when no claimed row waits, so at most one batch's bytes wait in memory.
 *
 * <p>A claimed row is held from the claim on: its {@link Claim} goes into the outbox's map at once,
 * so its lease is renewed and {@code close} gives it back like a row being delivered. A row that
 * waited a third of the lease without a worker taking it (delivery paused, or stopped) is given
 * back rather than handed out, so it never goes out with less than two thirds of its lease left, and
 * other instances need not wait for the lease to run out.
 */
final class ClaimBatches {
    private static final Comparator<OutboxEntry> OLDEST_FIRST =
            Comparator.comparing(OutboxEntry::notBefore).thenComparingLong(OutboxEntry::id);

    private final DataSource dataSource;
    private final String database;
    private final JdbcOptions options;
    private final Map<Long, Claim> claims;
    private final Consumer<List<Long>> giveBack;
    private final long maxWaitNanos;
    /** One claim statement at a time: the workers that find nothing waiting take turns. */
    private final ReentrantLock claiming = new ReentrantLock();
    /** Claimed rows no worker has taken yet, oldest first; guarded by itself. */
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private volatile boolean closed;

    private record Waiting(OutboxEntry entry, long claimedNanos) {
    }

    /**
     * @param claims the outbox's held rows, where each claimed row's claim goes
     * @param giveBack takes the claims of the given rows out of {@code claims} and gives the rows
     *                 back in the database
     */
    ClaimBatches(DataSource dataSource, String database, JdbcOptions options, Map<Long, Claim> claims,
                 Consumer<List<Long>> giveBack) {
        this.dataSource = dataSource;
        this.database = database;
        this.options = options;
        this.claims = claims;
        this.giveBack = giveBack;
        this.maxWaitNanos = options.lease().toNanos() / 3;
    }

    /** @return a due row, claimed for this instance: one claimed earlier and waiting, or the first of a new batch */
    Optional<OutboxEntry> next(Instant now) throws OutboxException {
        Optional<OutboxEntry> entry = handOut(now);
        if (entry.isPresent()) {
            return entry;
        }
        claiming.lock();
        try {
            entry = handOut(now); // another worker's batch may have come while this one waited
            if (entry.isPresent()) {
                return entry;
            }
            claim(now);
            return handOut(now);
        } finally {
            claiming.unlock();
        }
    }

    /** @return when the first waiting row became due, or empty if none waits */
    Optional<Instant> firstWaiting() {
        synchronized (waiting) {
            return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.peekFirst().entry().notBefore());
        }
    }

    /** Gives back the rows that waited a third of the lease for a worker. */
    void giveBackStale() {
        List<Long> stale = new ArrayList<>();
        synchronized (waiting) {
            takeStale(stale);
        }
        if (!stale.isEmpty()) {
            giveBack.accept(stale);
        }
    }

    /** No more claims; the waiting rows are forgotten here (the outbox gives back every claim it holds). */
    void close() {
        closed = true;
        synchronized (waiting) {
            waiting.clear();
        }
    }

    private Optional<OutboxEntry> handOut(Instant now) {
        List<Long> stale = new ArrayList<>();
        OutboxEntry due = null;
        synchronized (waiting) {
            takeStale(stale);
            if (!waiting.isEmpty() && !waiting.peekFirst().entry().notBefore().isAfter(now)) {
                due = waiting.pollFirst().entry();
            }
        }
        if (!stale.isEmpty()) {
            giveBack.accept(stale);
        }
        return Optional.ofNullable(due);
    }

    /** Moves the ids of the rows waiting longer than a third of the lease to {@code stale}; holds the lock. */
    private void takeStale(List<Long> stale) {
        long oldest = System.nanoTime() - maxWaitNanos;
        while (!waiting.isEmpty() && waiting.peekFirst().claimedNanos() - oldest < 0) {
            stale.add(waiting.pollFirst().entry().id());
        }
    }

    /** Claims a batch of due rows and queues them; a batch claimed while the outbox closed is given back at once. */
    private void claim(Instant now) throws OutboxException {
        long started = System.nanoTime();
        List<OutboxEntry> batch = new ArrayList<>();
        List<Claim> batchClaims = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.CLAIM_BATCH)) {
            OutboxRows.setTime(ps, 1, now);
            ps.setInt(2, options.claimRows());
            ps.setLong(3, options.claimBytes());
            ps.setString(4, options.owner());
            ps.setDouble(5, options.lease().toMillis() / 1000.0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OutboxEntry entry = OutboxRows.entry(rs);
                    batch.add(entry);
                    batchClaims.add(new Claim(rs.getLong("fencing_token"), entry.message().recipients(),
                            entry.message().messageId()));
                }
            }
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "claim due entries", e), e);
        }
        for (int i = 0; i < batch.size(); i++) {
            claims.put(batch.get(i).id(), batchClaims.get(i));
        }
        if (closed) {
            giveBack.accept(batch.stream().map(OutboxEntry::id).toList());
            return;
        }
        batch.sort(OLDEST_FIRST);
        synchronized (waiting) {
            batch.forEach(entry -> waiting.addLast(new Waiting(entry, started)));
        }
    }
}
