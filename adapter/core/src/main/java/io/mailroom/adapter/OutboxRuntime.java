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
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.adapter.tx.TransactionalOutbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Timer;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable side of one outbox directory: the journal, the transaction buffers in front of it,
 * and the delivery workers behind it. One per directory in this JVM, whoever asks first (a
 * connection factory, or the transaction manager recovering through a fresh one); the resource
 * adapter stops them all when it stops.
 */
final class OutboxRuntime {
    private static final Map<Path, OutboxRuntime> RUNNING = new ConcurrentHashMap<>();
    private static final long STOP_WAIT_MILLIS = 30_000;

    private final Path directory;
    private final Outbox outbox;
    private final DeliveryEngine engine;
    private final TransactionalOutbox transactional;
    private final OutboxHealthReader health;
    private volatile boolean stopped;

    private OutboxRuntime(Path directory, Outbox outbox, DeliveryEngine engine, OutboxHealthReader health) {
        this.directory = directory;
        this.outbox = outbox;
        this.engine = engine;
        this.health = health;
        this.transactional = new TransactionalOutbox(outbox, engine::wake);
    }

    /** The runtime for the factory's outbox directory, opened and started on first use. */
    static OutboxRuntime obtain(OutboxSettings config, Supplier<DeliveryConnection> connections, WorkLauncher launcher,
                                Supplier<Timer> timers) throws OutboxException {
        Path directory = config.directory().toAbsolutePath().normalize();
        OutboxRuntime running = RUNNING.get(directory);
        if (running != null) {
            return running;
        }
        synchronized (RUNNING) {
            running = RUNNING.get(directory);
            if (running == null) {
                running = start(directory, config, connections, launcher, timers.get());
                RUNNING.put(directory, running);
            }
            return running;
        }
    }

    private static OutboxRuntime start(Path directory, OutboxSettings config, Supplier<DeliveryConnection> connections,
                                       WorkLauncher launcher, Timer timer) throws OutboxException {
        Outbox outbox = JournalOutbox.open(directory, JournalOptions.defaults().withMaxBytes(config.maxBytes()));
        RetryPolicy retry = new RetryPolicy(config.retryInitialDelay(), config.retryMaxDelay(), config.maxAge(),
                config.maxAttempts());
        DeliveryEngine engine = new DeliveryEngine(outbox, connections, retry,
                config.deliveryWorkers());
        DeliveryProgress progress = new DeliveryProgress(Clock.systemUTC());
        engine.addListener(progress);
        engine.start(launcher, timer);
        return new OutboxRuntime(directory, outbox, engine,
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
