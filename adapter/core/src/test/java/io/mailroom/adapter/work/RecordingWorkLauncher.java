package io.mailroom.adapter.work;

import jakarta.resource.spi.work.Work;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WorkLauncher} for tests that records what it is given and runs each work on a thread of
 * its own, as a WorkManager would: the test sees which work went through the launcher, whether it
 * was launched as long-running, and when it ended. {@link #refusing()} refuses all work, as a
 * WorkManager of a stopping server does.
 */
public final class RecordingWorkLauncher implements WorkLauncher {
    private final List<Launched> launched = new CopyOnWriteArrayList<>();
    private final boolean refuse;

    public RecordingWorkLauncher() {
        this(false);
    }

    private RecordingWorkLauncher(boolean refuse) {
        this.refuse = refuse;
    }

    /** @return a launcher that refuses every work with a {@code WorkRejectedException} */
    public static RecordingWorkLauncher refusing() {
        return new RecordingWorkLauncher(true);
    }

    @Override
    public void launch(Work work) throws Exception {
        start(work, null);
    }

    @Override
    public void launchLongRunning(Work work, String name) throws Exception {
        start(work, name);
    }

    private void start(Work work, String name) throws Exception {
        if (refuse) {
            throw new jakarta.resource.spi.work.WorkRejectedException("refused by the test");
        }
        Launched l = new Launched(work, name);
        launched.add(l);
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                l.ended.countDown();
            }
        }, "recorded-" + (name == null ? "work" : name));
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the works launched so far, oldest first */
    public List<Launched> launched() {
        return List.copyOf(launched);
    }

    /** One work given to the launcher. */
    public static final class Launched {
        private final Work work;
        private final String name;
        private final CountDownLatch ended = new CountDownLatch(1);

        private Launched(Work work, String name) {
            this.work = work;
            this.name = name;
        }

        public Work work() {
            return work;
        }

        /** @return the name given with {@code launchLongRunning}, or {@code null} if launched plainly */
        public String longRunningName() {
            return name;
        }

        /** @return {@code true} once its {@code run()} returned */
        public boolean ended() {
            return ended.getCount() == 0;
        }

        /** @return {@code true} if its {@code run()} returned within the time */
        public boolean awaitEnded(long millis) throws InterruptedException {
            return ended.await(millis, TimeUnit.MILLISECONDS);
        }
    }
}
