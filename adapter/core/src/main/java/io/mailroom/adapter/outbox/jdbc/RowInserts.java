package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Inserts outbox rows ({@code OutboxSql.INSERT}), and refuses a connection that commits them outside the caller's transaction. */
final class RowInserts {
    private RowInserts() {
    }

    /**
     * @param enlisted the connection must be in the caller's transaction. Asked of the database
     *                 after the insert ({@code OutboxSql.IN_TRANSACTION}): servers enlist a
     *                 connection only when a statement first runs on it, and Liberty reports
     *                 autocommit on an enlisted connection, so {@code getAutoCommit()} cannot tell. A
     *                 connection that committed the rows on its own has them deleted again before the
     *                 refusal, so nothing stays
     * @param database how messages name the database
     */
    static void insert(Connection c, List<OutboxMessage> messages, boolean enlisted, String database)
            throws SQLException, OutboxException {
        Instant now = Instant.now();
        List<InputStream> streams = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.INSERT, new String[] {"id"})) {
            try {
                for (OutboxMessage m : messages) {
                    InputStream stream = OutboxRows.addInsert(ps, m, now);
                    if (stream != null) {
                        streams.add(stream);
                    }
                }
                ps.executeBatch();
            } catch (IOException e) {
                throw new SQLException("a message's spool file cannot be read: " + e, e);
            } finally {
                closeAll(streams);
            }
            if (enlisted && !inOpenTransaction(c)) {
                try (ResultSet keys = ps.getGeneratedKeys(); PreparedStatement undo = c.prepareStatement(OutboxSql.UNDO_INSERT)) {
                    while (keys.next()) {
                        undo.setLong(1, keys.getLong(1));
                        undo.addBatch();
                    }
                    undo.executeBatch();
                }
                throw new OutboxException(JdbcMessages.notEnlisted(database));
            }
        }
    }

    private static void closeAll(List<InputStream> streams) {
        for (InputStream stream : streams) {
            try {
                stream.close();
            } catch (IOException e) {
                // a spool file's reader: nothing was written through it
            }
        }
    }

    /** @return whether the insert just made on {@code c} is still part of an open transaction */
    private static boolean inOpenTransaction(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OutboxSql.IN_TRANSACTION); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1) != null;
        }
    }
}
