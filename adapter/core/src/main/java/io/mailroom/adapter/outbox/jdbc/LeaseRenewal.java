package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;

import jakarta.resource.spi.work.Work;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Extends the leases of the rows an instance holds (claimed, whether a delivery runs for them or
 * they wait for a worker), every third of the lease, as one long-running {@link Work} per outbox
 * (on the server's WorkManager; the outbox launches it and {@link #close()} ends it, as does the
 * server calling {@link #release()}): a delivery that takes longer than the lease is not taken
 * over by another instance while this one is alive.
 * All the rows are renewed in one statement ({@code OutboxSql.RENEW_BATCH}), each only where its
 * fencing token is still the one this instance claimed it with; a row found taken over (the renewal
 * came too late, e.g. after a long pause) is reported to {@code lost}, which drops the claim so the
 * delivery's outcome is not settled. A failed renewal (database unreachable) is logged and tried
 * again at the next tick; the leases then run out as without renewal. Before each renewal,
 * {@code beforeRenewal} runs (the outbox gives back rows claimed but left waiting too long).
 */
final class LeaseRenewal implements Work, AutoCloseable {
    static final String NAME = "mailroom-outbox-lease-renewal";
    private static final Logger LOG = Logger.getLogger(LeaseRenewal.class.getName());
    /** How long {@link #close()} waits for a renewal in progress to end. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final FencedStatements statements;
    private final String database;
    private final Duration lease;
    private final long everyMillis;
    private final Runnable beforeRenewal;
    private final Supplier<Map<Long, Long>> held;
    private final BiConsumer<Long, Long> lost;
    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean released; // guarded by this
    private boolean started; // guarded by this

    /**
     * @param held the rows held now: id to fencing token
     * @param lost called with id and token of a row that is no longer held with that token
     */
    LeaseRenewal(FencedStatements statements, String database, Duration lease, Runnable beforeRenewal,
                 Supplier<Map<Long, Long>> held, BiConsumer<Long, Long> lost) {
        this.statements = statements;
        this.database = database;
        this.lease = lease;
        this.everyMillis = Math.max(1, lease.toMillis() / 3);
        this.beforeRenewal = beforeRenewal;
        this.held = held;
        this.lost = lost;
    }

    /** Renews every third of the lease until released. */
    @Override
    public void run() {
        synchronized (this) {
            if (released) {
                ended.countDown();
                return;
            }
            started = true;
        }
        try {
            while (waitForTick()) {
                renewQuietly();
            }
        } finally {
            ended.countDown();
        }
    }

    /** @return {@code false} once released (at once, not at the next tick) */
    private synchronized boolean waitForTick() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(everyMillis);
        long left;
        while (!released && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                released = true;
            }
        }
        return !released;
    }

    private void renewQuietly() {
        try {
            beforeRenewal.run();
            renew();
        } catch (OutboxException | RuntimeException e) {
            LOG.warning(JdbcMessages.renewalFailed(database, e));
        }
    }

    /** @return how many rows were renewed */
    int renew() throws OutboxException {
        Map<Long, Long> rows = held.get();
        if (rows.isEmpty()) {
            return 0;
        }
        Set<Long> renewed = statements.runBatch(rows, "renew the leases of", OutboxSql.RENEW_BATCH,
                ps -> ps.setDouble(3, lease.toMillis() / 1000.0));
        rows.forEach((id, token) -> {
            if (!renewed.contains(id)) {
                lost.accept(id, token);
            }
        });
        return renewed.size();
    }

    /** Ends the renewals: the one in progress finishes, no other starts (the server calls this when it stops). */
    @Override
    public synchronized void release() {
        released = true;
        notifyAll();
    }

    /** Releases the work and waits (bounded) for a renewal in progress to end. */
    @Override
    public void close() {
        boolean running;
        synchronized (this) {
            release();
            running = started;
        }
        if (running) {
            try {
                ended.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
