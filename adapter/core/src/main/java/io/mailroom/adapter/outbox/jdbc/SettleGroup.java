package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.OutboxException;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Settles the delivered and deferred outcomes of concurrent deliveries together: one statement
 * ({@code OutboxSql.SETTLE_BATCH}), one commit, one flush of PostgreSQL's WAL for all of them
 * (group commit). A caller waits until its own outcome is committed, as with a statement of its
 * own, so nothing changes for it but the wait: while one statement runs, the outcomes that arrive
 * queue up, and the first caller to find no statement running settles everything queued, at most
 * {@code MAX_ROWS} at a time. Still fenced row by row: a row no longer held with the claim's token
 * is left alone and logged ({@code MAILROOM-5055}) with its Message-ID, the others in the statement
 * settled. Callers are the delivery workers, so the queue holds at most one outcome per worker.
 *
 * <p>Written by hand: no library here offers group commit over a JDBC statement.
 */
final class SettleGroup {
    private static final Logger LOG = Logger.getLogger(SettleGroup.class.getName());
    /** Most rows one statement settles. */
    static final int MAX_ROWS = 500;

    private final FencedStatements statements;
    private final String database;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settledSome = lock.newCondition();
    private final ArrayDeque<Outcome> queue = new ArrayDeque<>();
    private boolean running;

    /** One row's outcome: delivered when {@code notBefore} is null, else deferred to it. */
    private static final class Outcome {
        final long id;
        final Claim claim;
        final Instant notBefore;
        final String reason;
        boolean done;
        boolean settled;
        OutboxException failure;

        Outcome(long id, Claim claim, Instant notBefore, String reason) {
            this.id = id;
            this.claim = claim;
            this.notBefore = notBefore;
            this.reason = reason;
        }
    }

    SettleGroup(FencedStatements statements, String database) {
        this.statements = statements;
        this.database = database;
    }

    /** @return {@code false} if the row is no longer held with the claim's token: nothing changed */
    boolean delivered(long id, Claim claim) throws OutboxException {
        return settle(new Outcome(id, claim, null, null));
    }

    /** @return {@code false} if the row is no longer held with the claim's token: nothing changed */
    boolean deferred(long id, Claim claim, Instant notBefore, String reason) throws OutboxException {
        return settle(new Outcome(id, claim, notBefore, reason));
    }

    private boolean settle(Outcome outcome) throws OutboxException {
        lock.lock();
        try {
            queue.addLast(outcome);
            while (!outcome.done) {
                if (running) {
                    settledSome.awaitUninterruptibly(); // bounded: one statement's time
                    continue;
                }
                running = true;
                List<Outcome> batch = new ArrayList<>();
                while (!queue.isEmpty() && batch.size() < MAX_ROWS) {
                    batch.add(queue.pollFirst());
                }
                lock.unlock();
                try {
                    run(batch);
                } finally {
                    lock.lock();
                    running = false;
                    settledSome.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (outcome.failure != null) {
            throw outcome.failure;
        }
        return outcome.settled;
    }

    /** Settles the batch and marks each outcome done; never throws (a failure goes to every outcome). */
    private void run(List<Outcome> batch) {
        Long[] ids = new Long[batch.size()];
        Long[] tokens = new Long[batch.size()];
        String[] notBefores = new String[batch.size()];
        String[] reasons = new String[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            Outcome o = batch.get(i);
            ids[i] = o.id;
            tokens[i] = o.claim.token();
            notBefores[i] = o.notBefore == null ? null : o.notBefore.toString();
            reasons[i] = o.reason;
        }
        Set<Long> settled = null;
        OutboxException failure = null;
        try {
            settled = statements.runBatch(ids, tokens, "settle", OutboxSql.SETTLE_BATCH, (ps, c) -> {
                ps.setArray(3, c.createArrayOf("text", notBefores));
                ps.setArray(4, c.createArrayOf("text", reasons));
            });
        } catch (OutboxException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new OutboxException(JdbcMessages.sqlFailure(database, "settle " + ids.length + " entries", e), e);
        }
        for (Outcome o : batch) {
            if (failure != null) {
                o.failure = failure;
            } else {
                o.settled = settled.contains(o.id);
                if (!o.settled) {
                    LOG.warning(JdbcMessages.leaseLost(o.id, o.claim.messageId(), o.notBefore == null ? "delivered" : "deferred"));
                }
            }
            o.done = true;
        }
    }
}
