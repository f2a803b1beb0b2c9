package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkManager;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What {@link ServerWorkLauncher} hands the server's WorkManager: long-running work with the JCA
 * long-running hint and its name where the server supports {@link HintsContext}, the work as given
 * where it does not (a work with an unsupported context would be rejected). The servers' own
 * WorkManagers run it in the integration tests (JdbcOutboxIT, PooledSendIT); here the
 * BootstrapContext and WorkManager are proxies that record scheduleWork.
 */
class ServerWorkLauncherTest {
    private final List<Work> scheduled = new ArrayList<>();

    @Test
    void longRunningWorkCarriesTheHintAndItsNameAndRunsAndReleasesTheGivenWork() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        Work work = new Work() {
            @Override
            public void run() {
                runs.incrementAndGet();
            }

            @Override
            public void release() {
                releases.incrementAndGet();
            }
        };
        new ServerWorkLauncher(context(true)).launchLongRunning(work, "mailroom-test");

        Work given = scheduled.get(0);
        assertTrue(given instanceof WorkContextProvider, "no work contexts: " + given);
        HintsContext hints = (HintsContext) ((WorkContextProvider) given).getWorkContexts().get(0);
        assertEquals(Boolean.TRUE, hints.getHints().get(HintsContext.LONGRUNNING_HINT));
        assertEquals("mailroom-test", hints.getName());
        given.run();
        given.release();
        assertEquals(1, runs.get());
        assertEquals(1, releases.get());
    }

    @Test
    void withoutHintSupportTheWorkGoesAsGiven() throws Exception {
        Work work = idle();
        new ServerWorkLauncher(context(false)).launchLongRunning(work, "mailroom-test");
        assertSame(work, scheduled.get(0));
    }

    @Test
    void plainWorkGoesAsGiven() throws Exception {
        Work work = idle();
        new ServerWorkLauncher(context(true)).launch(work);
        assertSame(work, scheduled.get(0));
        assertFalse(work instanceof WorkContextProvider);
    }

    private static Work idle() {
        return new Work() {
            @Override
            public void run() {
            }

            @Override
            public void release() {
            }
        };
    }

    private BootstrapContext context(boolean hintsSupported) {
        WorkManager manager = (WorkManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {WorkManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("scheduleWork")) {
                        scheduled.add((Work) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (BootstrapContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getWorkManager" -> manager;
                    case "isContextSupported" -> hintsSupported && args[0] == HintsContext.class;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
