package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.OutboxMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Transaction branches that have started but not prepared or committed yet, with their messages
 * (composed ones in memory, streamed ones spooled to files, see {@code Spool}). Shared by every
 * managed connection of one outbox, because the transaction manager may end a branch on one
 * connection's XAResource and commit it on another's ({@code isSameRM}).
 *
 * <p>Counts the message bytes all branches hold, so that {@code TransactionalOutbox} can bound
 * them ({@link #bytes()}): a message is refused once they hold the bound, so they hold at most
 * that plus the messages being added. A single message larger than the outbox is still taken,
 * and its prepare or commit fails with the outbox's own error.
 */
final class PendingBranches {
    private final ConcurrentMap<String, Branch> branches = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final AtomicLong bytes = new AtomicLong();

    /** One branch: its messages, whether it may only roll back, and when it times out (0: never). */
    static final class Branch {
        final List<OutboxMessage> messages = new ArrayList<>();
        final long deadline;
        volatile boolean rollbackOnly;

        Branch(long deadline) {
            this.deadline = deadline;
        }
    }

    PendingBranches(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** @return {@code false} if the branch exists already */
    boolean start(String branch, int timeoutSeconds) {
        expire();
        long deadline = timeoutSeconds <= 0 ? 0 : nanoClock.getAsLong() + timeoutSeconds * 1_000_000_000L;
        return branches.putIfAbsent(branch, new Branch(deadline)) == null;
    }

    boolean contains(String branch) {
        return branches.containsKey(branch);
    }

    /** @return whether the branch exists, is not rollback-only and has not timed out */
    boolean isActive(String branch) {
        Branch b = branches.get(branch);
        return b != null && !b.rollbackOnly && !timedOut(b);
    }

    boolean isRollbackOnly(String branch) {
        Branch b = branches.get(branch);
        return b != null && b.rollbackOnly;
    }

    /** @return {@code false} if there is no such branch */
    boolean markRollbackOnly(String branch) {
        Branch b = branches.get(branch);
        if (b != null) {
            b.rollbackOnly = true;
        }
        return b != null;
    }

    /** Adds a message to an active branch. @return {@code false} if the branch is not active */
    boolean add(String branch, OutboxMessage message) {
        boolean[] added = {false};
        branches.computeIfPresent(branch, (key, b) -> {
            if (!b.rollbackOnly && !timedOut(b)) {
                b.messages.add(message);
                bytes.addAndGet(message.body().size());
                added[0] = true;
            }
            return b;
        });
        return added[0];
    }

    /**
     * Removes the branch; its messages' bodies stay the caller's to {@linkplain #release release}.
     *
     * @return it, or {@code null} if there was none
     */
    Branch remove(String branch) {
        Branch b = branches.remove(branch);
        if (b != null) {
            freed(b);
        }
        return b;
    }

    /** @return the message bytes all branches hold */
    long bytes() {
        return bytes.get();
    }

    /** Gives up the messages' spool files: the branch was stored, rolled back or expired. */
    static void release(Branch b) {
        b.messages.forEach(m -> m.body().release());
    }

    /** The branch has left the map: no message can be added to it any more. */
    private void freed(Branch b) {
        bytes.addAndGet(-b.messages.stream().mapToLong(m -> m.body().size()).sum());
    }

    boolean timedOut(Branch b) {
        return b.deadline != 0 && nanoClock.getAsLong() - b.deadline > 0;
    }

    /** Drops branches past their timeout: they are rolled back, and their messages freed. */
    private void expire() {
        branches.values().removeIf(b -> {
            if (timedOut(b)) {
                freed(b);
                release(b);
                return true;
            }
            return false;
        });
    }
}
