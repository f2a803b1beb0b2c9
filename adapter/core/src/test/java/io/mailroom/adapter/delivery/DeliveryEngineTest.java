package io.mailroom.adapter.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.testsupport.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.atomic.AtomicInteger;
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
        RetryPolicy retry = new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofHours(1), 10);
        Timer timer = new Timer(true);
        try (JournalOutbox outbox = JournalOutbox.open(dir, JournalOptions.defaults())) {
            DeliveryEngine engine = new DeliveryEngine(outbox, () -> flaky, retry, 1);
            engine.addListener(events, null);
            engine.tag("<m@test>", null);
            engine.start(work -> new Thread(work).start(), timer);
            outbox.commitOnePhase(List.of(new OutboxMessage("a@example.com", List.of("b@example.org"), "<m@test>",
                    "Subject: x\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII))));
            engine.wake();

            Await.until(() -> sent.size() == 1);
            assertEquals(2, attempts.get());
            assertTrue(deferred.get(0).contains("MAILROOM-6012") && deferred.get(0).contains("provider bug"), deferred.toString());
            assertEquals(0, outbox.stats().queued() + outbox.stats().deferred());
            engine.stop(5_000);
        } finally {
            timer.cancel();
        }
    }
}
