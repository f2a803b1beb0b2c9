package io.mailroom.adapter.outbox.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The tables are created at start, found again, and a wrong or unreachable database is a clear error. */
class JdbcSchemaTest {

    @Test
    void createsTheTablesOnceAndOpensOnThemAgain() throws Exception {
        TestDatabase db = TestDatabase.create();
        JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults()).close();
        JdbcOutbox again = JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults());
        again.commitOnePhase(List.of(JdbcOutboxTest.message("s")));
        assertEquals(1, db.count("SELECT count(*) FROM mailroom_outbox"));
        assertEquals(2, db.count("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'mailroom_%'"));
        again.close();
    }

    @Test
    void tableLackingColumnsIsNamedWithThem() throws Exception {
        TestDatabase db = TestDatabase.create();
        db.execute("CREATE TABLE mailroom_outbox (id bigint PRIMARY KEY, recipients text, mime bytea)");
        OutboxException e = assertThrows(OutboxException.class,
                () -> JdbcOutbox.open(db.dataSource(), db.url, JdbcOptions.defaults()));
        assertTrue(e.getMessage().startsWith("MAILROOM-5051 outbox table mailroom_outbox in " + db.url
                + " lacks the columns message_id, mail_from, created, not_before, attempts,"), e.getMessage());
        assertTrue(e.getMessage().contains("fencing_token"), e.getMessage());
    }

    @Test
    void unreachableDatabaseNamesItself() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        OutboxException e = assertThrows(OutboxException.class,
                () -> JdbcOutbox.open(nowhere, "jdbc/nowhere", JdbcOptions.defaults()));
        assertTrue(e.getMessage().startsWith("MAILROOM-5050 outbox in jdbc/nowhere could not connect"), e.getMessage());
    }

    @Test
    void optionsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdbcOptions.defaults().withLease(java.time.Duration.ZERO));
        assertTrue(e.getMessage().startsWith("MAILROOM-5056 JDBC outbox option lease=PT0S"), e.getMessage());
    }
}
