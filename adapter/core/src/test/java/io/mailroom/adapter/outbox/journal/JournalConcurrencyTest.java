package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import static io.mailroom.adapter.outbox.journal.Mail.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many transaction threads and several workers on one outbox. */
class JournalConcurrencyTest {
    @TempDir
    Path dir;

    /** Runs {@code threads} copies of {@code task(thread)} at once and waits for all of them. */
    private static <T> List<T> runConcurrently(int threads, ThreadTask<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.run(thread);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface ThreadTask<T> {
        T run(int thread) throws Exception;
    }

    private static int commitMany(Outbox outbox, String prefix, int count) throws OutboxException {
        for (int i = 0; i < count; i++) {
            outbox.commitOnePhase(List.of(message(prefix + "-" + i)));
        }
        return count;
    }

    @Test
    void concurrentWritersLoseAndDuplicateNothingAndShareForces() throws Exception {
        long forces;
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            runConcurrently(8, thread -> commitMany(outbox, "t" + thread, 500));
            forces = outbox.forceCount();
        }
        assertTrue(forces > 0 && forces < 4000, "forces for 4000 commits: " + forces);

        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            List<OutboxEntry> due = Mail.takeAll(outbox);
            Set<String> tags = new HashSet<>();
            Set<Long> ids = new HashSet<>();
            for (OutboxEntry e : due) {
                tags.add(Mail.tag(e));
                ids.add(e.id());
            }
            assertEquals(4000, due.size());
            assertEquals(4000, tags.size(), "distinct messages");
            assertEquals(4000, ids.size(), "distinct ids");
            for (int t = 0; t < 8; t++) {
                assertTrue(tags.contains("t" + t + "-0") && tags.contains("t" + t + "-499"), "thread " + t);
            }
        }
    }

    @Test
    void withoutGroupCommitEveryCommitForcesOnItsOwn() throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults().withGroupCommit(false))) {
            runConcurrently(4, thread -> commitMany(outbox, "t" + thread, 50));
            assertEquals(200, outbox.forceCount());
        }
    }

    @Test
    void workersDeliverEveryMessageExactlyOnceWhileWritersCommit() throws Exception {
        int writers = 4;
        int perWriter = 250;
        Set<Long> delivered = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch writing = new CountDownLatch(writers);
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults().withSegmentBytes(64 * 1024))) {
            runConcurrently(writers + 3, thread -> {
                if (thread < writers) {
                    commitMany(outbox, "t" + thread, perWriter);
                    writing.countDown();
                    return null;
                }
                while (true) {
                    boolean allCommitted = writing.getCount() == 0;
                    Optional<OutboxEntry> e = outbox.takeDue(Instant.now());
                    if (e.isEmpty() && allCommitted) {
                        return null;
                    }
                    if (e.isPresent()) {
                        if (!delivered.add(e.get().id())) {
                            duplicates.incrementAndGet();
                        }
                        outbox.delivered(e.get().id());
                    }
                }
            });
            assertEquals(writers * perWriter, delivered.size());
            assertEquals(0, duplicates.get());
            assertTrue(Mail.segments(dir).size() <= 2, "delivered segments freed: " + Mail.segments(dir));
        }
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            assertEquals(0, Mail.takeAll(outbox).size());
        }
    }
}
