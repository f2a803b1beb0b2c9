package io.mailroom.cdi;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server's default managed executor, so work Mailroom starts for the application (parallel
 * bulk sends, delivery events) runs with the application's context.
 */
final class ManagedThreads {
    private static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    /** Events waiting beyond this are fired by the adapter's delivery thread itself (back-pressure). */
    private static final int EVENT_QUEUE = 10_000;

    private ManagedThreads() {
    }

    /** Looked up on the application's own thread, so that {@code java:comp} resolves; empty outside a server. */
    static Optional<Executor> lookup() {
        try {
            return Optional.of((Executor) new InitialContext().lookup(DEFAULT_EXECUTOR));
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where delivery events fire when there is no managed executor (outside a Jakarta EE server):
     * one daemon thread of Mailroom's own, {@code mailroom-cdi-events}, never the adapter's delivery
     * thread, so a slow observer does not hold up delivery. It carries no application context.
     */
    static Executor eventThread() {
        return EventThread.EXECUTOR;
    }

    private static final class EventThread {
        static final Executor EXECUTOR = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(EVENT_QUEUE), work -> {
                    Thread thread = new Thread(work, "mailroom-cdi-events");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }
}
