package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs the statements that settle a claimed row ({@code OutboxSql}'s {@code DELIVERED},
 * {@code DEFERRED}, {@code NARROW}, {@code DEAD_*}, {@code RELEASE}), each of which matches the row
 * with {@code WHERE id = ? AND fencing_token = ?}: a row another instance claimed since is left
 * alone, and {@code MAILROOM-5055} logged.
 */
final class FencedStatements {
    private static final Logger LOG = Logger.getLogger(FencedStatements.class.getName());

    /** Binds some parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private final DataSource dataSource;
    private final String database;

    FencedStatements(DataSource dataSource, String database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /**
     * @param leading binds the parameters before id and token
     * @param trailing binds the parameters after them
     * @return {@code false} if the row is no longer held with {@code token}: nothing changed
     * @throws OutboxException {@code MAILROOM-5050} if the statement fails
     */
    boolean run(long id, long token, String action, String sql, Binder leading, Binder trailing) throws OutboxException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            leading.bind(ps);
            int idIndex = parametersBeforeId(sql) + 1;
            ps.setLong(idIndex, id);
            ps.setLong(idIndex + 1, token);
            trailing.bind(ps);
            if (ps.executeUpdate() == 0) {
                LOG.warning(JdbcMessages.leaseLost(id, action));
                return false;
            }
            return true;
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, action + " entry " + id, e), e);
        }
    }

    private static int parametersBeforeId(String sql) {
        return (int) sql.substring(0, sql.indexOf(" WHERE id = ?")).chars().filter(ch -> ch == '?').count();
    }
}
