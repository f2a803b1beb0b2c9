package io.mailroom.it;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What the admin tests need done inside the server: {@code POST /tests/admin-fixture} with form fields {@code to} and {@code subject} (UTF-8)
 * enqueues one message through {@code mail/admin} (no transaction) and answers its Message-ID.
 */
@WebServlet("/admin-fixture")
public class AdminFixtureServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        MailConnectionFactory factory = ItServer.lookup("mail/admin");
        try (MailConnection mail = factory.getConnection()) {
            String messageId = mail.enqueue(Email.builder()
                    .from("shop@example.com")
                    .to(request.getParameter("to"))
                    .subject(request.getParameter("subject"))
                    .text("Outbox admin test message\r\n")
                    .build()).messageId();
            response.setContentType("text/plain");
            response.getWriter().write(messageId);
        }
    }
}
