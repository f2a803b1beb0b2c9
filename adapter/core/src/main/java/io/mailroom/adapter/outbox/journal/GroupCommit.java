package io.mailroom.adapter.outbox.journal;

import java.io.IOException;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes appended records durable, letting concurrent callers share one force.
 *
 * <p>Every append gets a ticket (a running count). A caller that needs its record on disk calls
 * {@link #await}. With grouping on, the first caller to find no force running becomes the leader:
 * it asks the disk for the highest ticket appended so far, forces, and publishes that ticket as
 * durable. Callers that arrive while it forces wait; when it finishes, those whose ticket is now
 * covered return, and one of the rest leads the next force, which covers everyone who appended
 * meanwhile. A batch is thus whatever accumulated during the previous force: no timer, no added
 * latency when idle. With grouping off, every caller forces on its own.
 *
 * <p>Waiting callers queue by ticket, each with a condition of its own, and a force wakes exactly
 * those it covered and the lowest ticket left, to lead the next force. Waking every waiter after
 * each force woke about as many callers for nothing as it woke for their commit.
 */
final class GroupCommit {

    /** What the group forces. */
    interface Disk {
        /**
         * Forces everything appended so far.
         *
         * @return the highest ticket the force covered
         */
        long force() throws IOException;
    }

    /** A caller waiting for its ticket. */
    private static final class Waiter {
        final long ticket;
        final Condition woken;
        boolean signalled;

        Waiter(long ticket, Condition woken) {
            this.ticket = ticket;
            this.woken = woken;
        }
    }

    private final boolean grouped;
    private final Disk disk;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(Comparator.comparingLong((Waiter w) -> w.ticket));
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong wakeUps = new AtomicLong();
    private long durable;
    private boolean forcing;

    GroupCommit(boolean grouped, Disk disk) {
        this.grouped = grouped;
        this.disk = disk;
    }

    /**
     * Returns once the record with this ticket is on disk. Waits without giving up on interrupt (a
     * force takes milliseconds); the interrupt status is kept.
     */
    void await(long ticket) throws IOException {
        if (!grouped) {
            covered(force());
            return;
        }
        while (true) {
            lock.lock();
            try {
                while (durable < ticket && forcing) {
                    Waiter self = new Waiter(ticket, lock.newCondition());
                    waiting.add(self);
                    while (!self.signalled) {
                        self.woken.awaitUninterruptibly();
                    }
                    wakeUps.incrementAndGet();
                }
                if (durable >= ticket) {
                    return;
                }
                forcing = true;
            } finally {
                lock.unlock();
            }
            lead();
        }
    }

    /** Records that everything up to {@code ticket} is durable, e.g. forced when a segment was closed. */
    void covered(long ticket) {
        lock.lock();
        try {
            if (ticket > durable) {
                durable = ticket;
                wakeCovered();
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return the highest ticket known to be on disk */
    long durable() {
        lock.lock();
        try {
            return durable;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many forces were made for callers waiting on commits */
    long forces() {
        return forces.get();
    }

    /** @return how many times a waiting caller was woken */
    long wakeUps() {
        return wakeUps.get();
    }

    /** Forces; then wakes the callers it covered and the next one to lead, or everyone if it failed. */
    private void lead() throws IOException {
        long reached = -1;
        try {
            reached = force();
        } finally {
            lock.lock();
            try {
                forcing = false;
                if (reached > durable) {
                    durable = reached;
                }
                if (reached < 0) { // failed: every waiter retries and learns of it
                    while (!waiting.isEmpty()) {
                        wake(waiting.poll());
                    }
                } else {
                    wakeCovered();
                    if (!waiting.isEmpty()) {
                        wake(waiting.poll()); // leads the next force, unless a caller arriving now does
                    }
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Wakes the waiters whose ticket is durable now; call holding the lock. */
    private void wakeCovered() {
        while (!waiting.isEmpty() && waiting.peek().ticket <= durable) {
            wake(waiting.poll());
        }
    }

    private static void wake(Waiter waiter) {
        waiter.signalled = true;
        waiter.woken.signal();
    }

    private long force() throws IOException {
        long reached = disk.force();
        forces.incrementAndGet();
        return reached;
    }
}
