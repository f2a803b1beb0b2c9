package io.mailroom.adapter;

import io.mailroom.adapter.config.OutboxSettings;
import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.delivery.DeliveryEngine;
import io.mailroom.adapter.delivery.RetryPolicy;
import io.mailroom.adapter.work.WorkLauncher;
import io.mailroom.adapter.health.DeliveryProgress;
import io.mailroom.adapter.health.OutboxHealthReader;
import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.Spool;
import io.mailroom.adapter.outbox.jdbc.JdbcOptions;
import io.mailroom.adapter.outbox.jdbc.JdbcOutbox;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.adapter.tx.CallerTransactionStore;
import io.mailroom.adapter.tx.TransactionalOutbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable side of one outbox: the journal in a directory, or the tables of a JDBC DataSource
 * ({@code outbox=jdbc}), the transaction buffers in front of it, and the delivery workers behind
 * it. One per directory or DataSource in this JVM, whoever asks first (a connection factory, or the
 * transaction manager recovering through a fresh one), with that factory's settings; a factory
 * with other settings is refused it. The resource adapter stops them all when it stops.
 */
final class OutboxRuntime {
    private static final Map<String, OutboxRuntime> RUNNING = new ConcurrentHashMap<>();
    private static final long STOP_WAIT_MILLIS = 30_000;

    /** The directory, or the DataSource's JNDI name with {@code outbox=jdbc}. */
    private final String location;
    /** The settings of the factory that opened it: every factory on this directory must have the same. */
    private final SettingsReader.Checked owner;
    private final Outbox outbox;
    /** Spool files of messages given as streams inside open transactions, in {@code <directory>/spool}. */
    private final Spool spool;
    private final DeliveryEngine engine;
    private final TransactionalOutbox transactional;
    private final OutboxHealthReader health;
    private volatile boolean stopped;

    private OutboxRuntime(String location, SettingsReader.Checked owner, Outbox outbox, Spool spool,
                          DeliveryEngine engine, OutboxHealthReader health) {
        this.location = location;
        this.spool = spool;
        this.owner = owner;
        this.outbox = outbox;
        this.engine = engine;
        this.health = health;
        CallerTransactionStore joined = outbox instanceof JdbcOutbox jdbc ? jdbc::insertInCallerTransaction : null;
        this.transactional = new TransactionalOutbox(outbox, engine::wake, owner.outbox().maxBytes(), joined);
    }

    /**
     * The runtime for the factory's outbox directory or DataSource, opened and started on first use.
     *
     * @throws OutboxException {@code MAILROOM-4013} if another factory with different settings
     *         already runs an outbox in that directory (or on that DataSource): it would deliver this
     *         factory's mail with its own account, workers and retry settings; {@code MAILROOM-4014}
     *         if the DataSource cannot be looked up
     */
    static OutboxRuntime obtain(SettingsReader.Checked settings, Supplier<DeliveryConnection> connections,
                                WorkLauncher launcher, Supplier<Timer> timers) throws OutboxException {
        String location = location(settings.outbox());
        OutboxRuntime running = RUNNING.get(location);
        if (running == null) {
            synchronized (RUNNING) {
                running = RUNNING.get(location);
                if (running == null) {
                    running = start(location, settings, connections, launcher, timers.get());
                    RUNNING.put(location, running);
                    return running;
                }
            }
        }
        running.requireSameSettings(settings);
        return running;
    }

    private void requireSameSettings(SettingsReader.Checked other) throws OutboxException {
        List<String> differences = SettingsDifference.between(owner, other);
        if (!differences.isEmpty()) {
            throw new OutboxException(Messages.outboxShared(location, owner.name(), other.name(), differences,
                    owner.outbox().store() == OutboxSettings.Store.JDBC ? "outboxDataSource" : "outboxDirectory"));
        }
    }

    private static String location(OutboxSettings config) {
        return config.store() == OutboxSettings.Store.JDBC ? config.dataSource() : config.directory().toString();
    }

    private static OutboxRuntime start(String location, SettingsReader.Checked settings,
                                       Supplier<DeliveryConnection> connections, WorkLauncher launcher, Timer timer)
            throws OutboxException {
        OutboxSettings config = settings.outbox();
        boolean jdbc = config.store() == OutboxSettings.Store.JDBC;
        Outbox outbox = jdbc
                ? JdbcOutbox.open(OutboxDataSource.lookup(config.dataSource()), config.dataSource(),
                        JdbcOptions.defaults().withLease(config.lease()), launcher)
                : JournalOutbox.open(config.directory(), JournalOptions.defaults().withMaxBytes(config.maxBytes()));
        Spool spool;
        try {
            spool = Spool.open(spoolDirectory(config));
        } catch (OutboxException e) {
            outbox.close();
            throw e;
        }
        RetryPolicy retry = new RetryPolicy(config.retryInitialDelay(), config.retryMaxDelay(), config.maxAge(),
                config.maxAttempts());
        DeliveryEngine engine = new DeliveryEngine(outbox, connections, retry, config.deliveryWorkers());
        DeliveryProgress progress = new DeliveryProgress(Clock.systemUTC());
        engine.observe(progress);
        engine.start(launcher, timer);
        Path directory = jdbc ? null : config.directory();
        return new OutboxRuntime(location, settings, outbox, spool, engine,
                new OutboxHealthReader(outbox, directory, config.maxBytes(), progress, Clock.systemUTC()));
    }

    /**
     * The journal's {@code spool} subdirectory, opened while holding the journal's lock, so what is
     * there is stale; with {@code outbox=jdbc}, a new directory under {@code java.io.tmpdir} for
     * this runtime only (another server on this machine may use the same DataSource name). Spool
     * files hold messages only until their transaction ends; with the JDBC outbox that is only
     * resource-local transactions, since JTA branches insert at once.
     */
    private static Path spoolDirectory(OutboxSettings config) {
        if (config.store() != OutboxSettings.Store.JDBC) {
            return config.directory().resolve("spool");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "mailroom-spool-" + UUID.randomUUID());
    }

    /** Stops every runtime: workers finish the message in hand; undelivered mail stays on disk. */
    static void stopAll() {
        synchronized (RUNNING) {
            RUNNING.values().forEach(OutboxRuntime::stop);
            RUNNING.clear();
        }
    }

    private void stop() {
        stopped = true;
        engine.stop(STOP_WAIT_MILLIS);
        outbox.close();
        if (owner.outbox().store() == OutboxSettings.Store.JDBC) {
            spool.delete(); // this run's own directory under java.io.tmpdir
        }
    }

    /** @return {@code true} once the adapter stopped it: a factory must obtain a new one */
    boolean isStopped() {
        return stopped;
    }

    TransactionalOutbox transactional() {
        return transactional;
    }

    /** @return where messages given as streams wait while their transaction is open */
    Spool spool() {
        return spool;
    }

    Outbox outbox() {
        return outbox;
    }

    /** @return what health checks read: fill level, journal, oldest due message, last delivery progress */
    OutboxHealthReader health() {
        return health;
    }

    DeliveryEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "OutboxRuntime[" + location + "]";
    }
}
