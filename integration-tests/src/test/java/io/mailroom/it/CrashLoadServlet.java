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

/**
 * The application CrashRecoveryIT drives: {@code /send?id=N&commit=true|false&twoPhase=true|false}
 * sends {@code crash-N-a} (and {@code crash-N-b} through a second factory, making the transaction
 * two-phase) and then commits or rolls back; {@code /status} prints the outbox counts: pending
 * (queued, deferred and in doubt), dead, and in doubt (prepared branches awaiting recovery).
 */
@WebServlet(urlPatterns = {"/send", "/status"})
public class CrashLoadServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient MailConnectionFactory first;
    private transient MailConnectionFactory second;

    @Resource
    private transient UserTransaction tx;

    @Override
    public void init() {
        first = ItServer.lookup("mail/crash-a");
        second = ItServer.lookup("mail/crash-b");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().equals("/status")) {
            OutboxStatus a = first.outboxStatus();
            OutboxStatus b = second.outboxStatus();
            response.getWriter().print((a.queued() + a.deferred() + a.inDoubt() + b.queued() + b.deferred() + b.inDoubt())
                    + " " + (a.dead() + b.dead()) + " " + (a.inDoubt() + b.inDoubt()));
            return;
        }
        String id = request.getParameter("id");
        boolean commit = Boolean.parseBoolean(request.getParameter("commit"));
        boolean twoPhase = Boolean.parseBoolean(request.getParameter("twoPhase"));
        try {
            tx.begin();
            send(first, "crash-" + id + "-a");
            if (twoPhase) {
                send(second, "crash-" + id + "-b");
            }
            TransactionEnd.end(tx, commit, response);
        } catch (Exception e) {
            response.sendError(500, e.toString());
        }
    }

    private static void send(MailConnectionFactory factory, String subject) {
        try (MailConnection mail = factory.getConnection()) {
            mail.send(Email.builder().to("crash@example.com").subject(subject).text(subject).build());
        }
    }
}
