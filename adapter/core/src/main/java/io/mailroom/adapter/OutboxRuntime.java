package io.mailroom.adapter;

import io.mailroom.adapter.config.OutboxSettings;
import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.delivery.DeliveryEngine;
import io.mailroom.adapter.delivery.RetryPolicy;
import io.mailroom.adapter.delivery.WorkLauncher;
import io.mailroom.adapter.health.DeliveryProgress;
import io.mailroom.adapter.health.OutboxHealthReader;
import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.Spool;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.adapter.tx.TransactionalOutbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable side of one outbox directory: the journal, the transaction buffers in front of it,
 * and the delivery workers behind it. One per directory in this JVM, whoever asks first (a
 * connection factory, or the transaction manager recovering through a fresh one), with that
 * factory's settings; a factory with other settings is refused the directory. The resource
 * adapter stops them all when it stops.
 */
final class OutboxRuntime {
    private static final Map<Path, OutboxRuntime> RUNNING = new ConcurrentHashMap<>();
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final Path directory;
    /** The settings of the factory that opened it: every factory on this directory must have the same. */
    private final SettingsReader.Checked owner;
    private final Outbox outbox;
    /** Spool files of messages given as streams inside open transactions, in {@code <directory>/spool}. */
    private final Spool spool;
    private final DeliveryEngine engine;
    private final TransactionalOutbox transactional;
    private final OutboxHealthReader health;
    private volatile boolean stopped;

    private OutboxRuntime(Path directory, SettingsReader.Checked owner, Outbox outbox, Spool spool, DeliveryEngine engine,
                          OutboxHealthReader health) {
        this.spool = spool;
        this.directory = directory;
        this.owner = owner;
        this.outbox = outbox;
        this.engine = engine;
        this.health = health;
        this.transactional = new TransactionalOutbox(outbox, engine::wake, owner.outbox().maxBytes());
    }

    /**
     * The runtime for the factory's outbox directory, opened and started on first use.
     *
     * @throws OutboxException {@code MAILROOM-4013} if another factory with different settings
     *         already runs an outbox in that directory: it would deliver this factory's mail with
     *         its own account, workers and retry settings
     */
    static OutboxRuntime obtain(SettingsReader.Checked settings, Supplier<DeliveryConnection> connections,
                                WorkLauncher launcher, Supplier<Timer> timers) throws OutboxException {
        Path directory = settings.outbox().directory();
        OutboxRuntime running = RUNNING.get(directory);
        if (running == null) {
            synchronized (RUNNING) {
                running = RUNNING.get(directory);
                if (running == null) {
                    running = start(directory, settings, connections, launcher, timers.get());
                    RUNNING.put(directory, running);
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
            throw new OutboxException(Messages.outboxShared(directory, owner.name(), other.name(), differences));
        }
    }

    private static OutboxRuntime start(Path directory, SettingsReader.Checked settings,
                                       Supplier<DeliveryConnection> connections, WorkLauncher launcher, Timer timer)
            throws OutboxException {
        OutboxSettings config = settings.outbox();
        Outbox outbox = JournalOutbox.open(directory, JournalOptions.defaults().withMaxBytes(config.maxBytes()));
        Spool spool;
        try {
            spool = Spool.open(directory.resolve("spool")); // holding the journal's lock: what is there is stale
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
        return new OutboxRuntime(directory, settings, outbox, spool, engine,
                new OutboxHealthReader(outbox, directory, config.maxBytes(), progress, Clock.systemUTC()));
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
        return "OutboxRuntime[" + directory + "]";
    }
}
