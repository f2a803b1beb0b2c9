package io.mailroom.adapter;

import io.mailroom.adapter.delivery.WorkLauncher;

import jakarta.resource.spi.work.Work;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outside a server there is no WorkManager: delivery workers get daemon threads of their own.
 * In a server the adapter always uses the server's WorkManager instead.
 */
final class StandaloneWorkLauncher implements WorkLauncher {
    static final StandaloneWorkLauncher INSTANCE = new StandaloneWorkLauncher();
    private static final AtomicInteger COUNT = new AtomicInteger();

    private StandaloneWorkLauncher() {
    }

    @Override
    public void launch(Work work) {
        Thread thread = new Thread(work, "mailroom-delivery-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }
}
