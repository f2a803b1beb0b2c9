package io.mailroom.adapter.outbox.journal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

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

    private final boolean grouped;
    private final Disk disk;
    private final Object monitor = new Object();
    private final AtomicLong forces = new AtomicLong();
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
        boolean interrupted = false;
        try {
            while (true) {
                synchronized (monitor) {
                    while (durable < ticket && forcing) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (durable >= ticket) {
                        return;
                    }
                    forcing = true;
                }
                lead();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records that everything up to {@code ticket} is durable, e.g. forced when a segment was closed. */
    void covered(long ticket) {
        synchronized (monitor) {
            if (ticket > durable) {
                durable = ticket;
                monitor.notifyAll();
            }
        }
    }

    /** @return the highest ticket known to be on disk */
    long durable() {
        synchronized (monitor) {
            return durable;
        }
    }

    /** @return how many forces were made for callers waiting on commits */
    long forces() {
        return forces.get();
    }

    private void lead() throws IOException {
        long reached = -1;
        try {
            reached = force();
        } finally {
            synchronized (monitor) {
                forcing = false;
                if (reached > durable) {
                    durable = reached;
                }
                monitor.notifyAll();
            }
        }
    }

    private long force() throws IOException {
        long reached = disk.force();
        forces.incrementAndGet();
        return reached;
    }
}
