package io.mailroom.adapter.delivery;

import io.mailroom.adapter.smtp.RecipientReplies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.OutboxStats;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A committed message goes to a worker at once, never after a timer period: the engine's timer
 * (which looks for deferred mail) is set to a minute here, so a message that waited for it would
 * not arrive within the test's patience. The outbox is the real journal; the SMTP side is a
 * recording {@link DeliveryConnection}, as scheduling is what is under test.
 */
class CommitWakeUpTest {
    private static final long TIMER_MILLIS = 60_000;
    private static final long PATIENCE_SECONDS = 10;

    @TempDir
    Path directory;

    private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private JournalOutbox journal;
    private DeliveryEngine engine;
    private Timer timer;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.stop(5_000);
        }
        if (timer != null) {
            timer.cancel();
        }
        if (journal != null) {
            journal.close();
        }
    }

    @Test
    void aCommitOnAnIdleOutboxStartsAWorkerAtOnce() throws Exception {
        journal = JournalOutbox.open(directory, JournalOptions.defaults());
        start(journal, 50);
        awaitNoWorker();

        journal.commitOnePhase(List.of(message("<idle@test>")));
        engine.wake();

        assertEquals("<idle@test>", sent.poll(PATIENCE_SECONDS, TimeUnit.SECONDS), "delivered without waiting for the timer");
    }

    @Test
    void aCommitWhileTheLastWorkerIsLeavingIsNotLeftForTheTimer() throws Exception {
        journal = JournalOutbox.open(directory, JournalOptions.defaults());
        // The commit lands right after the only worker found nothing due, and before it ended
        // (it lingers 0 ms): wake() sees the worker still running and starts no other.
        AtomicBoolean committed = new AtomicBoolean();
        start(onEmptyLook(journal, () -> {
            if (committed.compareAndSet(false, true)) {
                journal.commitOnePhase(List.of(message("<racing@test>")));
                engine.wake();
            }
        }), 0);

        assertEquals("<racing@test>", sent.poll(PATIENCE_SECONDS, TimeUnit.SECONDS), "delivered without waiting for the timer");
        assertTrue(committed.get());
    }

    @Test
    void aCommitWakesOneIdleWorkerNotEveryOne() throws Exception {
        journal = JournalOutbox.open(directory, JournalOptions.defaults());
        AtomicInteger emptyLooks = new AtomicInteger();
        start(onEmptyLook(journal, emptyLooks::incrementAndGet), 60_000, 4);
        Thread.sleep(300); // the four workers found nothing and wait
        int commits = 50;

        emptyLooks.set(0);
        long started = System.nanoTime();
        for (int i = 0; i < commits; i++) {
            journal.commitOnePhase(List.of(message("<one-" + i + "@test>")));
            engine.wake();
            assertEquals("<one-" + i + "@test>", sent.poll(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        // The worker that delivered looks once more before it waits (one per commit), and each
        // worker looks once per 200 ms of waiting in vain; waking every idle worker made the other
        // three look for nothing too (200 here at least).
        int timedOut = (int) (4 * (millis / 200 + 1));
        assertTrue(emptyLooks.get() <= commits + commits / 5 + timedOut,
                emptyLooks.get() + " looks found nothing for " + commits + " commits in " + millis + " ms");
    }

    /** Something done when a worker looks at the outbox and finds nothing due. */
    @FunctionalInterface
    private interface EmptyLook {
        void run() throws OutboxException;
    }

    /** The journal, doing {@code action} each time a worker finds nothing due in it. */
    private static Outbox onEmptyLook(Outbox journal, EmptyLook action) {
        return new Delegating(journal) {
            @Override
            public Optional<OutboxEntry> takeDue(Instant now) throws OutboxException {
                Optional<OutboxEntry> due = super.takeDue(now);
                if (due.isEmpty()) {
                    action.run();
                }
                return due;
            }
        };
    }

    private void start(Outbox outbox, long lingerMillis) {
        start(outbox, lingerMillis, 1);
    }

    private void start(Outbox outbox, long lingerMillis, int workers) {
        RetryPolicy retry = new RetryPolicy(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofDays(1), 5);
        engine = new DeliveryEngine(outbox, () -> new Recording(sent), retry, workers, TIMER_MILLIS, lingerMillis);
        timer = new Timer("wake-up-test-timer", true);
        engine.start(work -> {
            Thread thread = new Thread(work, "wake-up-test-worker");
            thread.setDaemon(true);
            thread.start();
        }, timer);
    }

    private void awaitNoWorker() throws InterruptedException {
        // The first worker finds nothing and ends after its 50 ms linger; give it ample time.
        Thread.sleep(500);
    }

    private static OutboxMessage message(String messageId) {
        byte[] mime = ("Message-ID: " + messageId + "\r\nSubject: wake\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        return new OutboxMessage("shop@sender.test", List.of("customer@receiver.test"), messageId, mime);
    }

    /** Records what it was asked to send, and accepts it. */
    private record Recording(BlockingQueue<String> sent) implements DeliveryConnection {
        @Override
        public RecipientReplies send(OutboxMessage message) {
            sent.add(message.messageId());
            return new RecipientReplies(message.messageId(), "250 2.0.0 ok", message.recipients(), List.of());
        }

        @Override
        public void close() {
        }
    }

    /** Passes every call to the journal; a test overrides the call it races. */
    private static class Delegating implements Outbox {
        private final Outbox delegate;

        Delegating(Outbox delegate) {
            this.delegate = delegate;
        }

        @Override
        public void commitOnePhase(List<OutboxMessage> messages) throws OutboxException {
            delegate.commitOnePhase(messages);
        }

        @Override
        public void prepare(String branch, List<OutboxMessage> messages) throws OutboxException {
            delegate.prepare(branch, messages);
        }

        @Override
        public boolean commitPrepared(String branch) throws OutboxException {
            return delegate.commitPrepared(branch);
        }

        @Override
        public boolean rollbackPrepared(String branch) throws OutboxException {
            return delegate.rollbackPrepared(branch);
        }

        @Override
        public Set<String> preparedBranches() {
            return delegate.preparedBranches();
        }

        @Override
        public Optional<OutboxEntry> takeDue(Instant now) throws OutboxException {
            return delegate.takeDue(now);
        }

        @Override
        public Optional<Instant> nextDue() {
            return delegate.nextDue();
        }

        @Override
        public void delivered(long id) throws OutboxException {
            delegate.delivered(id);
        }

        @Override
        public void deferred(long id, Instant notBefore, String reason) throws OutboxException {
            delegate.deferred(id, notBefore, reason);
        }

        @Override
        public void dead(long id, String reason) throws OutboxException {
            delegate.dead(id, reason);
        }

        @Override
        public void narrow(long id, List<String> pending) throws OutboxException {
            delegate.narrow(id, pending);
        }

        @Override
        public void dead(long id, List<String> refused, String reason) throws OutboxException {
            delegate.dead(id, refused, reason);
        }

        @Override
        public List<DeadLetter> deadLetters(int limit) {
            return delegate.deadLetters(limit);
        }

        @Override
        public List<EntrySummary> entries(int limit) {
            return delegate.entries(limit);
        }

        @Override
        public Optional<String> headers(long id, int maxBytes) throws OutboxException {
            return delegate.headers(id, maxBytes);
        }

        @Override
        public OptionalLong requeue(long deadLetterId) throws OutboxException {
            return delegate.requeue(deadLetterId);
        }

        @Override
        public boolean deleteDeadLetter(long deadLetterId) throws OutboxException {
            return delegate.deleteDeadLetter(deadLetterId);
        }

        @Override
        public OutboxStats stats() {
            return delegate.stats();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
