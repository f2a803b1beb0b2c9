package guide;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** GET /order?subject=S[&amp;fail=true]: 200 "committed S", or 409 "rolled back S"; 400 without a subject. */
@WebServlet("/order")
public class PlaceOrderServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Orders orders;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String subject = request.getParameter("subject");
        response.setContentType("text/plain");
        if (subject == null) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "subject is missing");
            return;
        }
        try {
            orders.place(subject, Boolean.parseBoolean(request.getParameter("fail")));
            response.getWriter().print("committed " + subject);
        } catch (IllegalStateException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            response.getWriter().print("rolled back " + subject);
        }
    }
}
