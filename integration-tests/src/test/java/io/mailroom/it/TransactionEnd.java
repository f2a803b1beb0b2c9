package io.mailroom.it;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;

/** How the load servlets end a request's transaction and say so. */
final class TransactionEnd {
    private TransactionEnd() {
    }

    /** Commits or rolls back and answers "committed" or "rolled back"; a failure is the caller's HTTP 500. */
    static void end(UserTransaction tx, boolean commit, HttpServletResponse response) throws Exception {
        if (commit) {
            tx.commit();
        } else {
            tx.rollback();
        }
        response.getWriter().print(commit ? "committed" : "rolled back");
    }
}
