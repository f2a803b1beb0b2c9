package io.mailroom.adapter.outbox.jdbc;

import java.util.List;

/**
 * Every message the JDBC outbox shows to users, with its stable id. The id ranges are listed once, in the
 * {@code io.mailroom.adapter} package documentation.
 */
final class JdbcMessages {
    private JdbcMessages() {
    }

    static String sqlFailure(String database, String action, Exception cause) {
        return "MAILROOM-5050 outbox in " + database + " could not " + action + ": " + cause;
    }

    static String missingColumns(String database, String table, List<String> missing) {
        return "MAILROOM-5051 outbox table " + table + " in " + database + " lacks the columns " + String.join(", ", missing)
                + "; it was made by something else or an older version: rename it out of the way to let Mailroom"
                + " create its own, or add the columns";
    }

    static String unsupportedDatabase(String database, String product) {
        return "MAILROOM-5052 the JDBC outbox needs PostgreSQL (FOR UPDATE SKIP LOCKED, RETURNING, bytea); " + database
                + " is " + product;
    }

    static String notEnlisted(String database) {
        return "MAILROOM-5053 the outbox DataSource (" + database + ") gave a connection that committed on its own inside a"
                + " transaction: it is not enlisted in the application's transaction, so the message would stay even if"
                + " the transaction rolled back; the row was taken back, nothing is stored. Configure outboxDataSource as a transactional"
                + " DataSource (Liberty: transactional=\"true\", the default; WildFly: a jta=\"true\" datasource)";
    }

    static String noPreparedBranches(String database) {
        return "MAILROOM-5054 the outbox in " + database + " keeps no prepared branches: inside a transaction its rows"
                + " are written through the application's transaction, and Mailroom's own branch stays empty";
    }

    static String leaseLost(long id, String messageId, String action) {
        return "MAILROOM-5055 outbox entry " + id + " (Message-ID " + messageId + ") is no longer claimed by this instance (its lease expired and"
                + " another instance took it over, or it was settled): " + action + " ignored; the other instance"
                + " decides its outcome";
    }

    static String invalidOption(String name, Object value, String rule) {
        return "MAILROOM-5056 JDBC outbox option " + name + "=" + value + " is invalid: " + rule;
    }

    static String closed(String database) {
        return "MAILROOM-5057 outbox in " + database + " is closed";
    }

    static String inDoubt(String database, Exception cause) {
        return "MAILROOM-5058 outbox in " + database + " lost its connection while storing (" + cause
                + "); the rows may or may not be committed, and may be delivered";
    }

    static String renewalFailed(String database, Exception cause) {
        return "MAILROOM-5080 outbox in " + database + " could not renew the leases of the entries being delivered ("
                + cause + "); tried again shortly, and an entry whose lease runs out may be taken over by another instance";
    }

    static String renewalNotStarted(String database, Exception cause) {
        return "MAILROOM-5082 outbox in " + database + " could not start the renewal of its leases (" + cause
                + "): the WorkManager refused the work; the outbox was not opened";
    }

    static String renewalLost(long id, String messageId) {
        return "MAILROOM-5081 outbox entry " + id + " (Message-ID " + messageId + ") was taken over by another instance while this one delivered it"
                + " (its lease ran out before it was renewed): this instance's outcome will not be recorded";
    }
}
