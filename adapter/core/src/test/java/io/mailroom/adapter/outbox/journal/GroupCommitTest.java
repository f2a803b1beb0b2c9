package io.mailroom.adapter.outbox.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who a finished force wakes: the callers it covered and one caller to lead the next force, not
 * every waiter; and every caller it covered, also those that arrived while it ran.
 */
class GroupCommitTest {
    private final AtomicLong appended = new AtomicLong();
    private final Semaphore finish = new Semaphore(0);
    private final AtomicInteger started = new AtomicInteger();
    private final List<Thread> callers = new ArrayList<>();
    /** Whether a force covers what was appended when it finishes (true) or when it began. */
    private volatile boolean coversUpToTheEnd;

    private final GroupCommit group = new GroupCommit(true, () -> {
        long snapshot = appended.get();
        started.incrementAndGet();
        try {
            if (!finish.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new IOException("the test never finished the force");
            }
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return coversUpToTheEnd ? appended.get() : snapshot;
    });

    @AfterEach
    void releaseAll() throws InterruptedException {
        finish.release(100);
        for (Thread t : callers) {
            t.join(5_000);
        }
    }

    @Test
    void aForceWakesTheCallersItCoveredAndOneToLeadTheNext() throws Exception {
        commit(1);
        awaitForces(1);
        commit(2);
        commit(3);
        commit(4);
        awaitWaiting(3);

        finish.release(); // force 1 covered ticket 1 only
        awaitForces(2);
        Thread.sleep(200); // time for any other waiter to wake, if it were woken
        assertEquals(1, group.wakeUps(), "woken after the first force");

        finish.release(); // force 2 covers 2..4
        joinAll();
        assertEquals(3, group.wakeUps(), "each waiter woken once");
        assertEquals(2, group.forces());
        assertEquals(4, group.durable());
    }

    @Test
    void callersThatArrivedDuringAForceThatCoveredThemReturnWithoutAnotherForce() throws Exception {
        coversUpToTheEnd = true;
        commit(1);
        awaitForces(1);
        commit(2);
        commit(3);
        awaitWaiting(2);

        finish.release();
        joinAll();
        assertEquals(1, group.forces());
        assertEquals(3, group.durable());
    }

    private void commit(long ticket) {
        appended.set(ticket);
        Thread t = new Thread(() -> {
            try {
                group.await(ticket);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "commit-" + ticket);
        t.setDaemon(true);
        t.start();
        callers.add(t);
    }

    private void awaitForces(int count) throws InterruptedException {
        for (long end = System.nanoTime() + 10_000_000_000L; started.get() < count; ) {
            assertTrue(System.nanoTime() < end, "force " + count + " never started");
            Thread.sleep(1);
        }
    }

    /** Waits until {@code count} callers (not the leader, which is in the force) are parked. */
    private void awaitWaiting(int count) throws InterruptedException {
        for (long end = System.nanoTime() + 10_000_000_000L; ; Thread.sleep(1)) {
            long parked = callers.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
            if (parked >= count) {
                return;
            }
            assertTrue(System.nanoTime() < end, parked + " of " + count + " callers waiting");
        }
    }

    private void joinAll() throws InterruptedException {
        for (Thread t : callers) {
            t.join(10_000);
            assertTrue(!t.isAlive(), t.getName() + " still waits");
        }
    }
}
