package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.OutboxStats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** What the JDBC outbox reads for the delivery timer and operators, and the purge of delivered rows. */
final class OutboxReports {
    private static final Logger LOG = Logger.getLogger(OutboxReports.class.getName());

    private final DataSource dataSource;
    private final String database;

    OutboxReports(DataSource dataSource, String database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /** Never throws: the delivery timer asks every second, and a database that does not answer is logged. */
    Optional<Instant> nextDue() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.NEXT_DUE);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(OutboxRows.time(rs, "min")) : Optional.empty();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, JdbcMessages.sqlFailure(database, "look for due entries", e));
            return Optional.empty();
        }
    }

    /** @throws IllegalStateException naming the database if it does not answer */
    List<DeadLetter> deadLetters(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.DEAD_LETTERS)) {
            ps.setInt(1, limit);
            List<DeadLetter> letters = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    letters.add(OutboxRows.deadLetter(rs));
                }
            }
            return letters;
        } catch (SQLException e) {
            throw new IllegalStateException(JdbcMessages.sqlFailure(database, "read dead letters", e), e);
        }
    }

    /** @throws IllegalStateException naming the database if it does not answer (health reports it) */
    OutboxStats stats() {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.STATS);
             PreparedStatement dead = c.prepareStatement(OutboxSql.DEAD_COUNT)) {
            OutboxRows.setTime(ps, 1, now);
            OutboxRows.setTime(ps, 2, now);
            try (ResultSet rs = ps.executeQuery(); ResultSet d = dead.executeQuery()) {
                rs.next();
                d.next();
                return new OutboxStats(rs.getLong(1), rs.getLong(2), 0, d.getLong(1), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(JdbcMessages.sqlFailure(database, "count its entries", e), e);
        }
    }

    /** @return how many delivered rows older than {@code retention} were deleted (at most {@code PURGE_BATCH}) */
    int purge(Duration retention) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.PURGE)) {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            ps.setInt(2, JdbcOptions.PURGE_BATCH);
            return ps.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, JdbcMessages.sqlFailure(database, "purge delivered entries", e));
            return 0;
        }
    }
}
