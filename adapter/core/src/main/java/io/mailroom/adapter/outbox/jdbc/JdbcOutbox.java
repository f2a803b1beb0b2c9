package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxInDoubtException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.OutboxStats;
import io.mailroom.adapter.work.StandaloneWorkLauncher;
import io.mailroom.adapter.work.WorkLauncher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The outbox in a PostgreSQL database, reached through a {@link DataSource} the server manages,
 * shared by any number of server instances.
 *
 * <h2>Writes</h2>
 * {@link #insertInCallerTransaction} runs on the application's thread inside its JTA transaction:
 * the server enlists the connection, so the rows commit or roll back with the application's own
 * data (one phase when it is the same database); a connection in autocommit mode there is refused
 * ({@code MAILROOM-5053}), since its rows would outlive a rollback. {@link #commitOnePhase} (sends
 * outside a transaction, and local transactions) inserts in autocommit mode: committed, and as
 * durable as the database's commit, when it returns. The DataSource must hand out connections in
 * autocommit mode outside transactions, the JDBC default. Prepared branches are never kept here
 * ({@code MAILROOM-5054}): in a JTA transaction Mailroom's own XA branch stays empty.
 *
 * <h2>Delivery by any instance</h2>
 * {@link #takeDue} hands out the oldest due row this instance claimed. Rows are claimed in batches
 * ({@code ClaimBatches}): the oldest due rows nobody holds, up to {@link JdbcOptions#claimRows()}
 * and {@link JdbcOptions#claimBytes()}, in one statement with {@code FOR UPDATE SKIP LOCKED},
 * writing this instance as owner, a lease ({@link JdbcOptions#lease()}, on the database's clock)
 * and each row's next fencing token. Settling a row (delivered, deferred, narrowed, dead) matches
 * that token: once the lease expired and another instance claimed the row, this instance's outcome
 * is ignored with {@code MAILROOM-5055}, and the other instance's delivery decides. Delivered and
 * deferred outcomes of concurrent deliveries are settled together, one statement for all of them
 * ({@code SettleGroup}): a worker that finds a settle statement running leaves its outcome to the
 * next one and goes on, its row held (and renewed) until that commits. A dead instance's rows
 * (those being delivered and those claimed but not yet handed out) are claimed again when their
 * leases expire. Delivered rows are marked (their message bytes
 * dropped) and purged after {@link JdbcOptions#retention()}, at most {@code PURGE_BATCH} at a time.
 * While a row is held, its lease is renewed every third of the lease ({@code LeaseRenewal}), fenced
 * the same way, so a long delivery by a live instance is not taken over; a renewal that finds the
 * row taken over drops the claim ({@code MAILROOM-5081}) and the delivery's outcome is not settled.
 * A claimed row that no worker takes within a third of the lease (delivery paused) is given back.
 * Delivery is at-least-once, as with the journal: an instance that stalls past its lease mid-send
 * (no renewal runs in a paused JVM) can make a second delivery, and so can one that dies between the
 * server's {@code 250} and the commit of the outcome (at most two settle statements later).
 *
 * <p>Thread-safe. Every statement is in {@code OutboxSql}.
 */
public final class JdbcOutbox implements Outbox {
    private static final Logger LOG = Logger.getLogger(JdbcOutbox.class.getName());
    private static final long PURGE_EVERY_NANOS = 60_000_000_000L;

    private final DataSource dataSource;
    private final String database;
    private final JdbcOptions options;
    private final FencedStatements fenced;
    private final OutboxReports reports;
    private final OperatorStatements operator;
    /** The rows this instance holds (being delivered, or claimed and waiting for a worker): id to claim. */
    private final Map<Long, Claim> claims = new ConcurrentHashMap<>();
    private final ClaimBatches batches;
    private final SettleGroup settles;
    private final LeaseRenewal renewal;
    private volatile long lastPurge = System.nanoTime();
    private volatile boolean closed;

    private JdbcOutbox(DataSource dataSource, String database, JdbcOptions options) {
        this.dataSource = dataSource;
        this.database = database;
        this.options = options;
        this.fenced = new FencedStatements(dataSource, database);
        this.reports = new OutboxReports(dataSource, database);
        this.operator = new OperatorStatements(dataSource, database);
        this.batches = new ClaimBatches(dataSource, database, options, claims, this::giveBack);
        this.settles = new SettleGroup(fenced, database, claims);
        this.renewal = options.renew()
                ? new LeaseRenewal(fenced, database, options.lease(), batches::giveBackStale, this::held, this::lost) : null;
    }

    /** Starts the lease renewal (if renewing) as long-running work, until the outbox closes. */
    private void startRenewal(WorkLauncher launcher) throws OutboxException {
        if (renewal == null) {
            return;
        }
        try {
            launcher.launchLongRunning(renewal, LeaseRenewal.NAME);
        } catch (Exception e) {
            batches.close(); // nothing else started or held yet
            throw new OutboxException(JdbcMessages.renewalNotStarted(database, e), e);
        }
    }

    /** @return the rows held now, id to fencing token, for {@link LeaseRenewal} */
    private Map<Long, Long> held() {
        Map<Long, Long> tokens = new HashMap<>();
        claims.forEach((id, claim) -> tokens.put(id, claim.token()));
        return tokens;
    }

    /** The row is no longer held with {@code token}: its claim goes, so the running delivery settles nothing. */
    private void lost(long id, long token) {
        Claim claim = claims.get(id);
        if (claim != null && claim.token() == token && claims.remove(id, claim)) {
            LOG.warning(JdbcMessages.renewalLost(id, claim.messageId()));
        }
    }

    /** Gives the rows back (due again at once for any instance), those this instance still holds. */
    private void giveBack(List<Long> ids) {
        Map<Long, Long> tokens = new HashMap<>();
        for (Long id : ids) {
            Claim claim = claims.remove(id);
            if (claim != null) {
                tokens.put(id, claim.token());
            }
        }
        try {
            fenced.runBatch(tokens, "give back", OutboxSql.RELEASE_BATCH, ps -> { });
        } catch (OutboxException e) {
            LOG.warning(e.getMessage()); // their leases run out instead
        }
    }

    /**
     * Opens the outbox, creating its tables where missing, with the lease renewal on a daemon
     * thread of its own (outside a server; the adapter passes the server's WorkManager instead).
     *
     * @param database how messages name the database: the DataSource's JNDI name, or its URL
     * @throws OutboxException if the database cannot be reached ({@code MAILROOM-5050}), is not
     *                         PostgreSQL ({@code MAILROOM-5052}) or holds tables lacking columns
     *                         ({@code MAILROOM-5051})
     */
    public static JdbcOutbox open(DataSource dataSource, String database, JdbcOptions options) throws OutboxException {
        return open(dataSource, database, options, StandaloneWorkLauncher.INSTANCE);
    }

    /**
     * Opens the outbox, creating its tables where missing; the lease renewal runs as long-running
     * work through {@code launcher} (in a server, its WorkManager) until the outbox closes.
     *
     * @param database how messages name the database: the DataSource's JNDI name, or its URL
     * @throws OutboxException if the database cannot be reached ({@code MAILROOM-5050}), is not
     *                         PostgreSQL ({@code MAILROOM-5052}) or holds tables lacking columns
     *                         ({@code MAILROOM-5051}), or the renewal's work cannot be started
     *                         ({@code MAILROOM-5082})
     */
    public static JdbcOutbox open(DataSource dataSource, String database, JdbcOptions options, WorkLauncher launcher)
            throws OutboxException {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(options, "options");
        try (Connection c = dataSource.getConnection()) {
            JdbcSchema.createOrCheck(c, database);
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "connect", e), e);
        }
        JdbcOutbox outbox = new JdbcOutbox(dataSource, database, options);
        outbox.startRenewal(launcher);
        return outbox;
    }

    /** An outbox on tables that exist already, without opening a connection: tests use it inside a transaction. */
    static JdbcOutbox onExistingTables(DataSource dataSource, String database, JdbcOptions options) {
        JdbcOutbox outbox = new JdbcOutbox(dataSource, database, options);
        if (outbox.renewal != null) {
            StandaloneWorkLauncher.INSTANCE.launchLongRunning(outbox.renewal, LeaseRenewal.NAME);
        }
        return outbox;
    }

    /**
     * Inserts the messages through a connection that the server has enlisted in the calling
     * thread's transaction; they become deliverable when, and only if, that transaction commits.
     *
     * @throws OutboxException {@code MAILROOM-5053} if the connection is not enlisted (autocommit),
     *                         {@code MAILROOM-5050} if the insert fails; nothing was stored
     */
    public void insertInCallerTransaction(List<OutboxMessage> messages) throws OutboxException {
        requireOpen();
        try (Connection c = dataSource.getConnection()) {
            RowInserts.insert(c, messages, true, database);
        } catch (SQLException e) {
            throw new OutboxException(JdbcMessages.sqlFailure(database, "store " + messages.size() + " messages", e), e);
        }
    }

    @Override
    public void commitOnePhase(List<OutboxMessage> messages) throws OutboxException {
        if (messages.isEmpty()) {
            return;
        }
        requireOpen();
        try (Connection c = dataSource.getConnection()) {
            RowInserts.insert(c, messages, false, database);
        } catch (SQLException e) {
            String action = "store " + messages.size() + " messages";
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw new OutboxInDoubtException(JdbcMessages.inDoubt(database, e), e);
            }
            throw new OutboxException(JdbcMessages.sqlFailure(database, action, e), e);
        }
    }

    @Override
    public void prepare(String branch, List<OutboxMessage> messages) throws OutboxException {
        throw new OutboxException(JdbcMessages.noPreparedBranches(database));
    }

    @Override
    public boolean commitPrepared(String branch) {
        return false;
    }

    @Override
    public boolean rollbackPrepared(String branch) {
        return false;
    }

    @Override
    public Set<String> preparedBranches() {
        return Set.of();
    }

    @Override
    public Optional<OutboxEntry> takeDue(Instant now) throws OutboxException {
        requireOpen();
        purgeNowAndThen();
        return batches.next(now);
    }

    /** Never throws: the delivery timer asks every second, and a database that does not answer is logged. */
    @Override
    public Optional<Instant> nextDue() {
        Optional<Instant> waiting = batches.firstWaiting();
        return waiting.isPresent() ? waiting : reports.nextDue();
    }

    @Override
    public void delivered(long id) throws OutboxException {
        Claim claim = claims.get(id);
        if (claim != null) {
            settles.delivered(id, claim);
        }
    }

    @Override
    public void deferred(long id, Instant notBefore, String reason) throws OutboxException {
        Objects.requireNonNull(notBefore, "notBefore");
        Claim claim = claims.get(id);
        if (claim != null) {
            settles.deferred(id, claim, notBefore, reason);
        }
    }

    @Override
    public void narrow(long id, List<String> pending) throws OutboxException {
        Claim claim = claims.get(id);
        if (pending.isEmpty() || claim == null || claim.recipients().equals(pending)) {
            return;
        }
        if (settle(id, claim, "narrow", OutboxSql.NARROW, ps -> ps.setString(1, OutboxRows.recipients(pending)))) {
            claims.put(id, claim.narrowedTo(pending));
        }
    }

    @Override
    public void dead(long id, String reason) throws OutboxException {
        Claim claim = claims.remove(id);
        if (claim != null) {
            settle(id, claim, "dead", OutboxSql.DEAD_ALL, ps -> {}, ps -> ps.setString(3, reason));
        }
    }

    @Override
    public void dead(long id, List<String> refused, String reason) throws OutboxException {
        Claim claim = claims.get(id);
        if (claim == null) {
            return;
        }
        List<String> rest = claim.recipients().stream().filter(r -> !refused.contains(r)).toList();
        if (rest.isEmpty()) {
            dead(id, reason);
            return;
        }
        List<String> dropped = claim.recipients().stream().filter(refused::contains).toList();
        boolean done = settle(id, claim, "dead", OutboxSql.DEAD_SOME, ps -> ps.setString(1, OutboxRows.recipients(rest)),
                ps -> {
                    ps.setString(4, OutboxRows.recipients(dropped));
                    ps.setString(5, reason);
                });
        if (done) {
            claims.put(id, claim.narrowedTo(rest));
        } else {
            claims.remove(id);
        }
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        return reports.deadLetters(limit);
    }

    /** Due, deferred and claimed rows, oldest first; never in doubt (no prepared branches are kept here). */
    @Override
    public List<EntrySummary> entries(int limit) {
        return operator.entries(limit);
    }

    @Override
    public Optional<String> headers(long id, int maxBytes) throws OutboxException {
        return operator.headers(id, maxBytes);
    }

    /** Committed when it returns: one statement moves the dead letter to a new row. */
    @Override
    public OptionalLong requeue(long deadLetterId) throws OutboxException {
        requireOpen();
        return operator.requeue(deadLetterId);
    }

    @Override
    public boolean deleteDeadLetter(long deadLetterId) throws OutboxException {
        requireOpen();
        return operator.deleteDeadLetter(deadLetterId);
    }

    /** @throws IllegalStateException naming the database if it does not answer (health reports it) */
    @Override
    public OutboxStats stats() {
        return reports.stats();
    }

    /** Gives up the claims still held, so other instances take those rows at once instead of after the lease. */
    @Override
    public void close() {
        closed = true;
        if (renewal != null) {
            renewal.close();
        }
        batches.close();
        try {
            settles.flush();
        } catch (OutboxException e) {
            LOG.warning(e.getMessage());
        }
        giveBack(List.copyOf(claims.keySet()));
        claims.clear();
    }

    /** @return the instance name written to {@code claim_owner} */
    public String owner() {
        return options.owner();
    }

    /** Deletes delivered rows past retention, at most once a minute and a bounded batch. */
    private void purgeNowAndThen() {
        long now = System.nanoTime();
        if (now - lastPurge < PURGE_EVERY_NANOS) {
            return;
        }
        lastPurge = now;
        purge();
    }

    /** @return how many delivered rows past retention were deleted (at most {@code PURGE_BATCH}) */
    int purge() {
        return reports.purge(options.retention());
    }

    private boolean settle(long id, Claim claim, String action, String sql, FencedStatements.Binder leading)
            throws OutboxException {
        return fenced.run(id, claim, action, sql, leading, ps -> { });
    }

    private boolean settle(long id, Claim claim, String action, String sql, FencedStatements.Binder leading,
                           FencedStatements.Binder trailing) throws OutboxException {
        return fenced.run(id, claim, action, sql, leading, trailing);
    }

    private void requireOpen() throws OutboxException {
        if (closed) {
            throw new OutboxException(JdbcMessages.closed(database));
        }
    }
}
