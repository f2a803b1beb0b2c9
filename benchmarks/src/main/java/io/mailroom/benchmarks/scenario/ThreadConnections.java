package io.mailroom.benchmarks.scenario;

import io.mailroom.testsupport.PostgresCluster;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One physical connection per thread, kept open across {@code getConnection}/{@code close}, the way
 * a server's connection pool hands a thread a connection without opening one each time. Written by
 * hand for the benchmark only (no pooling library is on its class path); not a general pool.
 */
final class ThreadConnections {
    private final DataSource physical;
    private final ThreadLocal<Connection> mine = new ThreadLocal<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();

    ThreadConnections(DataSource physical) {
        this.physical = physical;
    }

    /** @return connections to a new database {@code name} on {@code cluster} */
    static ThreadConnections onNewDatabase(PostgresCluster cluster, String name) throws Exception {
        cluster.createDatabase(name);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(cluster.jdbcUrl(name));
        dataSource.setUser(PostgresCluster.USER);
        return new ThreadConnections(dataSource);
    }

    /** @return a DataSource whose connections' {@code close} leaves the thread's connection open */
    DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return invoke(method, physical, args);
                    }
                    Connection c = mine.get();
                    if (c == null) {
                        c = physical.getConnection();
                        mine.set(c);
                        all.add(c);
                    }
                    Connection held = c;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> m.getName().equals("close") ? null : invoke(m, held, a));
                });
    }

    void closeAll() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException e) {
                // the run is over; nothing to keep
            }
        }
        all.clear();
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
