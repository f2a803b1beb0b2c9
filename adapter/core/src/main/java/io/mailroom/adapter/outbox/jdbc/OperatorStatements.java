package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.HeaderPart;
import io.mailroom.adapter.outbox.OutboxException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * What an operator does to the JDBC outbox ({@code Outbox}'s administration methods): list the live
 * entries, read a message's headers, requeue or delete a dead letter. Each change is one statement
 * in autocommit mode, so it is atomic and as durable as the database's commit.
 */
final class OperatorStatements {
    private final DataSource dataSource;
    private final String database;

    OperatorStatements(DataSource dataSource, String database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /** @throws IllegalStateException naming the database if it does not answer */
    List<EntrySummary> entries(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.ENTRIES)) {
            ps.setInt(1, limit);
            List<EntrySummary> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new EntrySummary(rs.getLong("id"), rs.getString("message_id"), rs.getString("mail_from"),
                            OutboxRows.recipients(rs.getString("recipients")), OutboxRows.time(rs, "created"),
                            rs.getInt("attempts"), OutboxRows.time(rs, "not_before"), rs.getString("last_reason"), null));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException(JdbcMessages.sqlFailure(database, "list its entries", e), e);
        }
    }

    Optional<String> headers(long id, int maxBytes) throws OutboxException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.MESSAGE_PREFIX)) {
            ps.setInt(1, maxBytes);
            ps.setLong(2, id);
            ps.setInt(3, maxBytes);
            ps.setLong(4, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(HeaderPart.of(rs.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "read the headers of " + id, e), e);
        }
    }

    OptionalLong requeue(long deadLetterId) throws OutboxException {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.REQUEUE)) {
            ps.setLong(1, deadLetterId);
            OutboxRows.setTime(ps, 2, now);
            OutboxRows.setTime(ps, 3, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "requeue dead letter " + deadLetterId, e), e);
        }
    }

    boolean deleteDeadLetter(long deadLetterId) throws OutboxException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(OutboxSql.DELETE_DEAD)) {
            ps.setLong(1, deadLetterId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "delete dead letter " + deadLetterId, e), e);
        }
    }
}
