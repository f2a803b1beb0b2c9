package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Runs the statements that change claimed rows, each of which matches a row by its id and the
 * fencing token of the claim: a row another instance claimed since is left alone. One row at a
 * time ({@code OutboxSql}'s {@code NARROW}, {@code DEAD_*}: {@code WHERE id = ? AND fencing_token = ?},
 * and {@code MAILROOM-5055} logged when the row is no longer held), or many in one statement
 * ({@code *_BATCH}: the ids and tokens as two arrays, the rows changed returned).
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
     * @return {@code false} if the row is no longer held with the claim's token: nothing changed
     * @throws OutboxException {@code MAILROOM-5050} if the statement fails
     */
    boolean run(long id, Claim claim, String action, String sql, Binder leading, Binder trailing) throws OutboxException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            leading.bind(ps);
            int idIndex = parametersBeforeId(sql) + 1;
            ps.setLong(idIndex, id);
            ps.setLong(idIndex + 1, claim.token());
            trailing.bind(ps);
            if (ps.executeUpdate() == 0) {
                LOG.warning(JdbcMessages.leaseLost(id, claim.messageId(), action));
                return false;
            }
            return true;
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, action + " entry " + id, e), e);
        }
    }

    /**
     * Runs a {@code *_BATCH} statement, one statement and so one commit for all the rows.
     *
     * @param rows id to the fencing token each row is held with
     * @return the ids of the rows the statement changed: the others are no longer held with their
     *         tokens (the caller logs what that means)
     * @throws OutboxException {@code MAILROOM-5050} if the statement fails; nothing changed
     */
    Set<Long> runBatch(Map<Long, Long> rows, String action, String sql, Binder more) throws OutboxException {
        Long[] ids = rows.keySet().toArray(Long[]::new);
        Long[] tokens = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            tokens[i] = rows.get(ids[i]);
        }
        return runBatch(ids, tokens, action, sql, (ps, c) -> more.bind(ps));
    }

    /** Binds the parameters of a batch statement after its ids and tokens, from index 3. */
    @FunctionalInterface
    interface ArrayBinder {
        void bind(PreparedStatement ps, Connection c) throws SQLException;
    }

    /**
     * @param ids the rows, in the order of the arrays {@code more} binds
     * @param tokens the fencing token each row is held with, in the same order
     * @see #runBatch(Map, String, String, Binder)
     */
    Set<Long> runBatch(Long[] ids, Long[] tokens, String action, String sql, ArrayBinder more) throws OutboxException {
        Set<Long> changed = new HashSet<>();
        if (ids.length == 0) {
            return changed;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setArray(2, c.createArrayOf("bigint", tokens));
            more.bind(ps, c);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getLong(1));
                }
            }
            return changed;
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, action + " " + ids.length + " entries", e), e);
        }
    }

    private static int parametersBeforeId(String sql) {
        return (int) sql.substring(0, sql.indexOf(" WHERE id = ?")).chars().filter(ch -> ch == '?').count();
    }
}
