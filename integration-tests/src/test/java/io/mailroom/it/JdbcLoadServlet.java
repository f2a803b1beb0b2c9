package io.mailroom.it;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.OutboxStatus;
import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;

/**
 * The application JdbcOutboxIT drives on each server: {@code /send?id=N&commit=true|false} inserts
 * row N into the application's table {@code orders} and sends {@code jdbc-N} in one JTA
 * transaction, through the same DataSource the outbox uses, then commits or rolls back;
 * {@code /status} prints "pending dead 0 pid": the shared outbox's queued and deferred count, its
 * dead letters, no prepared branches, and this server's JVM process id (the outbox's claim owner
 * begins with it).
 */
@WebServlet(urlPatterns = {"/send", "/status"})
public class JdbcLoadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient MailConnectionFactory mail;

    private transient DataSource database;

    @Resource
    private transient UserTransaction tx;

    @Override
    public void init() {
        mail = ItServer.lookup("mail/jdbc");
        database = ItServer.lookup("jdbc/mailroomOutbox"); // java:/jdbc/mailroomOutbox on WildFly
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals("/status")) {
            OutboxStatus status = mail.outboxStatus();
            response.getWriter().print((status.queued() + status.deferred()) + " " + status.dead() + " 0 "
                    + ProcessHandle.current().pid());
            return;
        }
        int id = Integer.parseInt(request.getParameter("id"));
        boolean commit = Boolean.parseBoolean(request.getParameter("commit"));
        try {
            tx.begin();
            try (Connection c = database.getConnection(); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO orders (id) VALUES (?)")) {
                insert.setInt(1, id);
                insert.executeUpdate();
            }
            try (MailConnection connection = mail.getConnection()) {
                connection.send(Email.builder().to("jdbc@example.com").subject("jdbc-" + id).text("order " + id).build());
            }
            TransactionEnd.end(tx, commit, response);
        } catch (Exception e) {
            response.sendError(500, e.toString());
        }
    }
}
