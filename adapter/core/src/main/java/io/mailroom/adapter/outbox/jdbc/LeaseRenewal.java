package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Extends the leases of the rows an instance holds (claimed, whether a delivery runs for them or
 * they wait for a worker), every third of the lease, on one daemon thread per outbox: a delivery
 * that takes longer than the lease is not taken over by another instance while this one is alive.
 * All the rows are renewed in one statement ({@code OutboxSql.RENEW_BATCH}), each only where its
 * fencing token is still the one this instance claimed it with; a row found taken over (the renewal
 * came too late, e.g. after a long pause) is reported to {@code lost}, which drops the claim so the
 * delivery's outcome is not settled. A failed renewal (database unreachable) is logged and tried
 * again at the next tick; the leases then run out as without renewal. Before each renewal,
 * {@code beforeRenewal} runs (the outbox gives back rows claimed but left waiting too long).
 */
final class LeaseRenewal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseRenewal.class.getName());

    private final FencedStatements statements;
    private final String database;
    private final Duration lease;
    private final Runnable beforeRenewal;
    private final Supplier<Map<Long, Long>> held;
    private final BiConsumer<Long, Long> lost;
    private final ScheduledExecutorService timer;

    /**
     * @param held the rows held now: id to fencing token
     * @param lost called with id and token of a row that is no longer held with that token
     */
    LeaseRenewal(FencedStatements statements, String database, Duration lease, Runnable beforeRenewal,
                 Supplier<Map<Long, Long>> held, BiConsumer<Long, Long> lost) {
        this.statements = statements;
        this.database = database;
        this.lease = lease;
        this.beforeRenewal = beforeRenewal;
        this.held = held;
        this.lost = lost;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailroom-outbox-lease-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
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

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
