package io.mailroom.cdi;

import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's default managed executor, so work Mailroom starts for the application (parallel
 * bulk sends, delivery events) runs with the application's context. Outside a server: the
 * calling thread.
 */
final class ManagedThreads {
    private static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";

    private ManagedThreads() {
    }

    /** Looked up on the application's own thread, so that {@code java:comp} resolves. */
    static Executor lookup() {
        try {
            return (Executor) new InitialContext().lookup(DEFAULT_EXECUTOR);
        } catch (NamingException | RuntimeException e) {
            return Runnable::run;
        }
    }
}
