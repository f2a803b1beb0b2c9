package io.mailroom.adapter.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.adapter.smtp.SendOutcome;
import io.mailroom.api.DeliveryAttempt;
import io.mailroom.api.MailConnectionException;
import io.mailroom.testsupport.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery engine over a real journal, with a connection that fails in a way no SMTP server
 * can script: an unexpected runtime exception (a bug, a broken provider) during the send.
 */
class DeliveryEngineTest {

    @TempDir
    Path dir;

    @Test
    void aRuntimeExceptionDuringASendDefersTheEntryInsteadOfLeavingItTakenUntilRestart() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        RecordedEvents events = new RecordedEvents();
        List<String> deferred = events.deferred;
        List<String> sent = events.sent;
        DeliveryConnection flaky = new DeliveryConnection() {
            @Override
            public RecipientReplies send(OutboxMessage message) {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("provider bug");
                }
                return new RecipientReplies(message.messageId(), "250 2.0.0 queued", message.recipients(), List.of());
            }

            @Override
            public void close() {
            }
        };
        Timer timer = new Timer(true);
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            DeliveryEngine engine = startAndCommit(outbox, flaky, events, timer, "<m@test>");

            Await.until(() -> sent.size() == 1);
            assertEquals(2, attempts.get());
            assertTrue(deferred.get(0).contains("MAILROOM-6012") && deferred.get(0).contains("provider bug"), deferred.toString());
            assertEquals(0, outbox.stats().queued() + outbox.stats().deferred());
            engine.stop(5_000);
        } finally {
            timer.cancel();
        }
    }

    /** The same for messages sent in turn: those without an outcome yet are deferred, none stays taken. */
    @Test
    void aRuntimeExceptionDuringMessagesInTurnDefersTheOnesWithoutAnOutcome() throws Exception {
        RecordedEvents events = new RecordedEvents();
        AtomicInteger batches = new AtomicInteger();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        DeliveryConnection flaky = new DeliveryConnection() {
            @Override
            public RecipientReplies send(OutboxMessage message) {
                return new RecipientReplies(message.messageId(), "250 2.0.0 queued", message.recipients(), List.of());
            }

            @Override
            public boolean overlapsMessages() {
                return true;
            }

            @Override
            public void sendInTurn(List<OutboxMessage> messages, SendOutcome.Settled settled) {
                batchSizes.add(messages.size());
                if (batches.incrementAndGet() == 1) {
                    settled.outcome(0, SendOutcome.answered(send(messages.get(0))));
                    throw new IllegalStateException("provider bug");
                }
                DeliveryConnection.super.sendInTurn(messages, settled);
            }

            @Override
            public void close() {
            }
        };
        Timer timer = new Timer(true);
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            RetryPolicy retry = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofHours(1), 10);
            DeliveryEngine engine = new DeliveryEngine(outbox, () -> flaky, retry, 1);
            engine.addListener(events, null);
            List<OutboxMessage> three = new ArrayList<>();
            for (String id : List.of("<t1@test>", "<t2@test>", "<t3@test>")) {
                engine.tag(id, null);
                three.add(new OutboxMessage("a@example.com", List.of("b@example.org"), id,
                        "Subject: x\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)));
            }
            outbox.commitOnePhase(three); // all due before the worker starts
            engine.start(work -> new Thread(work).start(), timer);

            Await.until(() -> events.sent.size() == 3);
            assertEquals(3, batchSizes.get(0), batchSizes.toString());
            assertEquals(List.of("<t1@test>", "<t2@test>", "<t3@test>"), events.sent.stream().sorted().toList());
            assertEquals(2, events.deferred.size(), events.deferred.toString());
            assertTrue(events.deferred.stream().allMatch(r -> r.contains("MAILROOM-6012") && r.contains("provider bug")),
                    events.deferred.toString());
            assertEquals(0, outbox.stats().queued() + outbox.stats().deferred());
            engine.stop(5_000);
        } finally {
            timer.cancel();
        }
    }

    /**
     * Each attempt is reported after its outcome's event, with its number, the commit time, its own
     * start and end, and the connect time when the attempt opened a connection; while a worker
     * sends, its connection counts as in use.
     */
    @Test
    void eachAttemptIsReportedWithItsTimingsAndTheConnectionCountsAsInUseWhileSending() throws Exception {
        RecordedEvents events = new RecordedEvents();
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<DeliveryEngine> engineRef = new AtomicReference<>();
        List<Integer> inUseDuringSend = new CopyOnWriteArrayList<>();
        DeliveryConnection connection = new DeliveryConnection() {
            private boolean opened;

            @Override
            public RecipientReplies send(OutboxMessage message) {
                while (engineRef.get() == null) {
                    Thread.onSpinWait(); // the test has not seen startAndCommit return yet
                }
                inUseDuringSend.add(engineRef.get().connectionsInUse());
                opened = attempts.get() == 0; // the first attempt opens the connection
                if (attempts.incrementAndGet() == 1) {
                    throw new MailConnectionException("127.0.0.1", 25, "421 try later", null);
                }
                return new RecipientReplies(message.messageId(), "250 2.0.0 queued", message.recipients(), List.of());
            }

            @Override
            public Duration takeConnectTime() {
                boolean was = opened;
                opened = false;
                return was ? Duration.ofMillis(7) : null;
            }

            @Override
            public void close() {
            }
        };
        Timer timer = new Timer(true);
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            Instant beforeCommit = Instant.now();
            DeliveryEngine engine = startAndCommit(outbox, connection, events, timer, "<t@test>");
            engineRef.set(engine);

            Await.until(() -> events.attempts.size() == 2);
            DeliveryAttempt first = events.attempts.get(0);
            DeliveryAttempt second = events.attempts.get(1);
            assertEquals(DeliveryAttempt.Outcome.DEFERRED, first.outcome());
            assertEquals(DeliveryAttempt.Outcome.SENT, second.outcome());
            assertEquals(List.of(1, 2), List.of(first.attempt(), second.attempt()));
            assertEquals("<t@test>", second.messageId());
            assertEquals(Duration.ofMillis(7), first.connectTime());
            assertNull(second.connectTime(), "the second attempt reused the connection");
            assertFalse(first.committedAt().isBefore(beforeCommit.minusSeconds(1)));
            assertEquals(first.committedAt(), second.committedAt());
            assertFalse(second.startedAt().isBefore(first.finishedAt()));
            assertFalse(second.finishedAt().isBefore(second.startedAt()));
            assertEquals(second.sinceCommit(), Duration.between(second.committedAt(), second.finishedAt()));
            assertEquals(List.of(1, 1), inUseDuringSend);
            engine.stop(5_000);
            assertEquals(0, engine.connectionsInUse());
        } finally {
            timer.cancel();
        }
    }


    @Test
    void aPausedEngineTakesNothingThoughMailIsDueAndResumingDeliversIt() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        DeliveryConnection counting = new DeliveryConnection() {
            @Override
            public RecipientReplies send(OutboxMessage message) {
                sent.add(message.messageId());
                return new RecipientReplies(message.messageId(), "250 2.0.0 queued", message.recipients(), List.of());
            }

            @Override
            public void close() {
            }
        };
        RetryPolicy retry = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofHours(1), 10);
        Timer timer = new Timer(true);
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            DeliveryEngine engine = new DeliveryEngine(outbox, () -> counting, retry, 2, 20, 50);
            engine.start(work -> new Thread(work).start(), timer);
            engine.pause();
            assertTrue(engine.paused());
            outbox.commitOnePhase(List.of(new OutboxMessage("a@example.com", List.of("b@example.org"), "<p@test>",
                    "Subject: p\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII))));
            engine.wake();
            Thread.sleep(500); // 25 timer ticks and several worker lingers: any of them would have sent it
            assertEquals(List.of(), sent);
            assertEquals(1, outbox.stats().queued());

            engine.resume();
            Await.until(() -> sent.size() == 1);
            assertEquals(List.of("<p@test>"), sent);
            engine.stop(5_000);
        } finally {
            timer.cancel();
        }
    }
    /** One worker on the connection, fast retries; commits one message with the id and wakes it. */
    private static DeliveryEngine startAndCommit(JournalOutbox outbox, DeliveryConnection connection, RecordedEvents events,
                                                 Timer timer, String messageId) throws Exception {
        RetryPolicy retry = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofHours(1), 10);
        DeliveryEngine engine = new DeliveryEngine(outbox, () -> connection, retry, 1);
        engine.addListener(events, null);
        engine.tag(messageId, null);
        engine.start(work -> new Thread(work).start(), timer);
        outbox.commitOnePhase(List.of(new OutboxMessage("a@example.com", List.of("b@example.org"), messageId,
                "Subject: x\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII))));
        engine.wake();
        return engine;
    }
}
