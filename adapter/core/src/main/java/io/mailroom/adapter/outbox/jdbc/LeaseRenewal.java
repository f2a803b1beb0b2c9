package io.mailroom.adapter.outbox.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Extends the leases of the rows an instance holds while their deliveries run, every third of the
 * lease, on one daemon thread per outbox: a delivery that takes longer than the lease is not taken
 * over by another instance while this one is alive. Each row is renewed only {@code WHERE} its
 * fencing token is still the one this instance claimed it with ({@code OutboxSql.RENEW}); a row
 * found taken over (the renewal came too late, e.g. after a long pause) is reported to
 * {@code lost}, which drops the claim so the delivery's outcome is not settled. A failed renewal
 * (database unreachable) is logged and tried again at the next tick; the lease then runs out as
 * without renewal.
 */
final class LeaseRenewal implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LeaseRenewal.class.getName());

    private final DataSource dataSource;
    private final String database;
    private final Duration lease;
    private final Supplier<Map<Long, Long>> held;
    private final BiConsumer<Long, Long> lost;
    private final ScheduledExecutorService timer;

    /**
     * @param held the rows held now: id to fencing token
     * @param lost called with id and token of a row that is no longer held with that token
     */
    LeaseRenewal(DataSource dataSource, String database, Duration lease, Supplier<Map<Long, Long>> held,
                 BiConsumer<Long, Long> lost) {
        this.dataSource = dataSource;
        this.database = database;
        this.lease = lease;
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
            renew();
        } catch (SQLException | RuntimeException e) {
            LOG.warning(JdbcMessages.renewalFailed(database, e));
        }
    }

    /** @return how many rows were renewed */
    int renew() throws SQLException {
        Map<Long, Long> rows = held.get();
        if (rows.isEmpty()) {
            return 0;
        }
        Long[] ids = rows.keySet().toArray(Long[]::new);
        int renewed = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.RENEW)) {
            for (Long id : ids) {
                ps.setDouble(1, lease.toMillis() / 1000.0);
                ps.setLong(2, id);
                ps.setLong(3, rows.get(id));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < ids.length; i++) {
                if (counts[i] == 0) {
                    lost.accept(ids[i], rows.get(ids[i]));
                } else {
                    renewed++;
                }
            }
        }
        return renewed;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
