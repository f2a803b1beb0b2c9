package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Settles the delivered and deferred outcomes of concurrent deliveries together: one statement
 * ({@code OutboxSql.SETTLE_BATCH}), one commit, one flush of PostgreSQL's WAL for many rows, still
 * fenced row by row (a row no longer held with its claim's token is left alone and logged,
 * {@code MAILROOM-5055}, with its Message-ID; the others in the statement are settled).
 *
 * <p>The first caller that finds no statement running becomes the settler: it settles its own
 * outcome and then everything that queued up meanwhile, at most {@code MAX_ROWS} per statement,
 * until the queue is empty, and returns once its own outcome is committed. A caller that finds a
 * statement running queues its outcome and returns at once, so its worker goes on delivering while
 * the settler commits the outcome with the next statement. Until then the row stays in the outbox's
 * held rows, its lease renewed; its claim leaves them when its statement starts. So a crash between
 * the server's {@code 250} and the commit of the outcome delivers the message again after its
 * lease, as a crash just before the outcome's own statement always could; the window is at most
 * two statements long. A statement that fails is thrown to its settler when the settler's own
 * outcome was in it, and logged otherwise; its rows are delivered again after their leases.
 * The queue holds only held rows, so it is bounded by them.
 *
 * <p>Written by hand: no library here offers group commit over a JDBC statement.
 */
final class SettleGroup {
    private static final Logger LOG = Logger.getLogger(SettleGroup.class.getName());
    /** Most rows one statement settles. */
    static final int MAX_ROWS = 500;

    private final FencedStatements statements;
    private final String database;
    private final Map<Long, Claim> claims;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final ArrayDeque<Outcome> queue = new ArrayDeque<>();
    private boolean running;

    /** One row's outcome: delivered when {@code notBefore} is null, else deferred to it. */
    private record Outcome(long id, Claim claim, Instant notBefore, String reason) {
        String action() {
            return notBefore == null ? "delivered" : "deferred";
        }
    }

    /**
     * @param claims the outbox's held rows: a row's claim is taken out of them when the statement
     *               settling it starts
     */
    SettleGroup(FencedStatements statements, String database, Map<Long, Claim> claims) {
        this.statements = statements;
        this.database = database;
        this.claims = claims;
    }

    void delivered(long id, Claim claim) throws OutboxException {
        settle(new Outcome(id, claim, null, null));
    }

    void deferred(long id, Claim claim, Instant notBefore, String reason) throws OutboxException {
        settle(new Outcome(id, claim, notBefore, reason));
    }

    /** Settles every outcome queued now, after the statement running, if any; for closing. */
    void flush() throws OutboxException {
        lock.lock();
        try {
            while (running) {
                idle.awaitUninterruptibly(); // bounded: the statements of the outcomes queued
            }
            settleQueued(null);
        } finally {
            lock.unlock();
        }
    }

    private void settle(Outcome outcome) throws OutboxException {
        lock.lock();
        try {
            queue.addLast(outcome);
            if (!running) {
                settleQueued(outcome);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs statements until the queue is empty; holds the lock, and releases it while a statement runs.
     *
     * @param own the caller's outcome, whose statement's failure is thrown; {@code null} for none
     */
    private void settleQueued(Outcome own) throws OutboxException {
        running = true;
        OutboxException ownFailure = null;
        try {
            while (!queue.isEmpty()) {
                List<Outcome> batch = new ArrayList<>();
                while (!queue.isEmpty() && batch.size() < MAX_ROWS) {
                    batch.add(queue.pollFirst());
                }
                lock.unlock();
                try {
                    run(batch);
                } catch (OutboxException e) {
                    if (batch.contains(own)) {
                        ownFailure = e;
                    } else {
                        LOG.warning(e.getMessage());
                    }
                } finally {
                    lock.lock();
                }
            }
        } finally {
            running = false;
            idle.signalAll();
        }
        if (ownFailure != null) {
            throw ownFailure;
        }
    }

    /** One statement for the batch's rows that are still held here (a renewal may have found one taken over). */
    private void run(List<Outcome> batch) throws OutboxException {
        List<Outcome> held = new ArrayList<>();
        for (Outcome o : batch) {
            if (claims.remove(o.id(), o.claim())) {
                held.add(o);
            }
        }
        if (held.isEmpty()) {
            return;
        }
        Long[] ids = new Long[held.size()];
        Long[] tokens = new Long[ids.length];
        String[] notBefores = new String[ids.length];
        String[] reasons = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Outcome o = held.get(i);
            ids[i] = o.id();
            tokens[i] = o.claim().token();
            notBefores[i] = o.notBefore() == null ? null : o.notBefore().toString();
            reasons[i] = o.reason();
        }
        Set<Long> settled;
        try {
            settled = statements.runBatch(ids, tokens, "settle", OutboxSql.SETTLE_BATCH, (ps, c) -> {
                ps.setArray(3, c.createArrayOf("text", notBefores));
                ps.setArray(4, c.createArrayOf("text", reasons));
            });
        } catch (RuntimeException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "settle " + ids.length + " entries", e), e);
        }
        for (Outcome o : held) {
            if (!settled.contains(o.id())) {
                LOG.warning(JdbcMessages.leaseLost(o.id(), o.claim().messageId(), o.action()));
            }
        }
    }
}
