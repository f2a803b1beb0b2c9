package io.mailroom.sample;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The orders table in H2 (an XA data source), with plain JDBC. */
@ApplicationScoped
public class Orders {
    @Resource(lookup = "jdbc/orders")
    DataSource database;

    void createTable(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id IDENTITY PRIMARY KEY, email VARCHAR(320) NOT NULL,"
                    + " item VARCHAR(200) NOT NULL, quantity INT NOT NULL, created_at TIMESTAMP NOT NULL)");
        }
    }

    /** Inserts an order in the caller's transaction. */
    public Order insert(String email, String item, int quantity) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = database.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO orders (email, item, quantity, created_at) VALUES (?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, email);
            insert.setString(2, item);
            insert.setInt(3, quantity);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Order(keys.getLong(1), email, item, quantity, now);
            }
        }
    }

    /** @return every committed order, newest first */
    public List<Order> all() throws SQLException {
        try (Connection c = database.getConnection();
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT id, email, item, quantity, created_at FROM orders ORDER BY id DESC")) {
            List<Order> orders = new ArrayList<>();
            while (rows.next()) {
                orders.add(new Order(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                        rows.getTimestamp(5).toInstant()));
            }
            return orders;
        }
    }
}
