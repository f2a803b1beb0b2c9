package io.mailroom.adapter.delivery;

import jakarta.resource.spi.work.Work;

/** Starts a long-running delivery worker: the server's WorkManager, or a thread outside a server. */
@FunctionalInterface
public interface WorkLauncher {
    /** Starts the work and returns at once. */
    void launch(Work work) throws Exception;
}
