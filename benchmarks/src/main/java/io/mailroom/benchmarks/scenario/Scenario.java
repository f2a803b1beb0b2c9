package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.Workload;
import java.io.IOException;
import java.util.Optional;

/** One way of sending (or enqueuing) a workload, measured as messages per second. */
public interface Scenario {

    /** @return how the tables name it */
    String title();

    /**
     * Sets up what one run needs (not timed): sessions, pools, outbox directories.
     *
     * @return the run, timed by the caller, then closed
     */
    Trial prepare(Workload workload) throws Exception;

    /** @return {@code false} if the work happens outside this JVM, so its heap says nothing */
    default boolean runsInThisJvm() {
        return true;
    }

    /**
     * @return {@code true} if the sink must have accepted exactly the workload's messages by the end
     *         of the run (a run that lost or duplicated one is invalid, not a number)
     */
    default boolean deliversEveryMessage() {
        return false;
    }

    /** @return which of the compared ways this is, if it is one of them */
    default Optional<ScenarioKind> kind() {
        return Optional.empty();
    }

    /** One timed run. */
    @FunctionalInterface
    interface Trial extends AutoCloseable {
        /** Does the whole workload and returns when the last message is accepted (or committed). */
        void run() throws Exception;

        /** Closes pools and connections (not timed). */
        @Override
        default void close() throws IOException {
        }
    }
}
