package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.testsupport.PostgresCluster;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh database per test on one throwaway PostgreSQL cluster per JVM (Debian's, started by
 * {@link PostgresCluster}); tests are skipped with the reason when PostgreSQL is not installed.
 */
public final class TestDatabase {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static PostgresCluster cluster;

    public final String url;

    private TestDatabase(String url) {
        this.url = url;
    }

    /** A new empty database; skips the test if PostgreSQL is not installed here. */
    public static synchronized TestDatabase create() throws Exception {
        String missing = PostgresCluster.unavailableReason();
        Assumptions.assumeTrue(missing == null, missing);
        if (cluster == null) {
            cluster = PostgresCluster.start();
        }
        String name = "outbox" + NEXT.incrementAndGet();
        cluster.createDatabase(name);
        return new TestDatabase(cluster.jdbcUrl(name));
    }

    /** @return a DataSource handing out a new autocommit connection per call, like a server's outside a transaction */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(PostgresCluster.USER);
        return ds;
    }

    /**
     * What a server's DataSource does inside a JTA transaction: every {@code getConnection} on the
     * thread returns the one connection enlisted in the transaction (autocommit off), and closing
     * the handle leaves the transaction open; the transaction manager commits or rolls it back.
     */
    public static DataSource enlisted(Connection transaction) {
        Connection handle = (Connection) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) ->
                        method.getName().equals("close") ? null : method.invoke(transaction, args));
        return (DataSource) Proxy.newProxyInstance(TestDatabase.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return handle;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
