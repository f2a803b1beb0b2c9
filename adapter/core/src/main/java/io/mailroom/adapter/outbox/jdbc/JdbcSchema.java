package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Creates the outbox tables where they are missing and checks that those found have every column
 * the outbox uses, at start, so a wrong schema is a clear error then rather than a failed send
 * later. Instances starting at once take turns (an advisory lock), since PostgreSQL's
 * {@code CREATE TABLE IF NOT EXISTS} can fail when two run concurrently.
 */
final class JdbcSchema {
    private JdbcSchema() {
    }

    /**
     * @param database how messages name the database (its URL)
     * @throws OutboxException {@code MAILROOM-5052} if the database is not PostgreSQL,
     *                         {@code MAILROOM-5051} naming the table and the columns it lacks,
     *                         {@code MAILROOM-5050} if the statements fail
     */
    static void createOrCheck(Connection c, String database) throws OutboxException {
        try {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new OutboxException(JdbcMessages.unsupportedDatabase(database, product));
            }
            create(c, OutboxSql.CREATE_TABLES);
            check(c, database, OutboxSql.OUTBOX, OutboxSql.OUTBOX_COLUMNS);
            check(c, database, OutboxSql.DEAD, OutboxSql.DEAD_COLUMNS);
            create(c, OutboxSql.CREATE_INDEXES);
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "create or check its tables", e), e);
        }
    }

    private static void create(Connection c, List<String> statements) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(OutboxSql.SCHEMA_LOCK);
            for (String ddl : statements) {
                s.execute(ddl);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Looks in the connection's current schema, where the unqualified statements find the table. */
    private static void check(Connection c, String database, String table, List<String> expected)
            throws SQLException, OutboxException {
        DatabaseMetaData meta = c.getMetaData();
        Set<String> found = new HashSet<>();
        try (ResultSet columns = meta.getColumns(null, c.getSchema(), table, null)) {
            while (columns.next()) {
                found.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String column : expected) {
            if (!found.contains(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            throw new OutboxException(JdbcMessages.missingColumns(database, table, missing));
        }
    }
}
