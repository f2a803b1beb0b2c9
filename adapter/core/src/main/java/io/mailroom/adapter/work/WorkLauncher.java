package io.mailroom.adapter.work;

import jakarta.resource.spi.work.Work;

/**
 * Starts background work: the server's WorkManager, or a thread outside a server. The work ends
 * when its {@link Work#release()} is called (by its owner when it closes, or by the server when
 * the adapter stops).
 */
@FunctionalInterface
public interface WorkLauncher {
    /** Starts the work and returns at once. */
    void launch(Work work) throws Exception;

    /**
     * Starts work that runs as long as its owner (not one task that ends soon), and returns at
     * once: with the JCA long-running hint where the server takes it, so a WorkManager need not
     * hold one of its pooled threads for it. By default as {@link #launch}.
     *
     * @param name what the work is called (the thread's name where the launcher names threads)
     */
    default void launchLongRunning(Work work, String name) throws Exception {
        launch(work);
    }
}
