package io.mailroom.adapter.work;

import jakarta.resource.spi.work.Work;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outside a server there is no WorkManager: work gets a daemon thread of its own. In a server the
 * adapter always uses the server's WorkManager instead.
 */
public final class StandaloneWorkLauncher implements WorkLauncher {
    public static final StandaloneWorkLauncher INSTANCE = new StandaloneWorkLauncher();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private StandaloneWorkLauncher() {
    }

    @Override
    public void launch(Work work) {
        start(work, "mailroom-delivery-" + COUNT.incrementAndGet());
    }

    @Override
    public void launchLongRunning(Work work, String name) {
        start(work, name);
    }

    private static void start(Work work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        // Not the context loader of whichever application's call started it: it would stay pinned.
        thread.setContextClassLoader(StandaloneWorkLauncher.class.getClassLoader());
        thread.start();
    }
}
