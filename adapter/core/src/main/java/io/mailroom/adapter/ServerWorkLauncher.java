package io.mailroom.adapter;

import io.mailroom.adapter.work.WorkLauncher;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.util.List;

/**
 * The server's WorkManager (from the adapter's {@link BootstrapContext}). Long-running work carries
 * the JCA {@link HintsContext#LONGRUNNING_HINT} and its name where the server supports hints (a
 * work with a context the server does not support would be rejected, so none is sent then).
 */
final class ServerWorkLauncher implements WorkLauncher {
    private final BootstrapContext context;

    ServerWorkLauncher(BootstrapContext context) {
        this.context = context;
    }

    @Override
    public void launch(Work work) throws Exception {
        context.getWorkManager().scheduleWork(work);
    }

    @Override
    public void launchLongRunning(Work work, String name) throws Exception {
        if (!context.isContextSupported(HintsContext.class)) {
            launch(work);
            return;
        }
        HintsContext hints = new HintsContext();
        hints.setName(name);
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        launch(new Hinted(work, hints));
    }

    /** The work as given, with the hints for the WorkManager. */
    private record Hinted(Work work, HintsContext hints) implements Work, WorkContextProvider {
        @Override
        public void run() {
            work.run();
        }

        @Override
        public void release() {
            work.release();
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            return List.of(hints);
        }
    }
}
