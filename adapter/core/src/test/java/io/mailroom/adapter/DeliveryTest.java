package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.OutboxStatus;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery workers against a scripted SMTP server: queued mail leaves the outbox only after
 * a 250, transient failures are retried, permanent ones become dead letters with the reply.
 */
class DeliveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path outbox;

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;
    private final Events events = new Events();

    @AfterEach
    void stop() {
        if (mailroom != null) {
            mailroom.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void aTransientFailureIsRetriedAndTheMessageArrivesOnce() throws Exception {
        start();
        smtp.on(Step.MESSAGE).reply(451, "4.3.0 try again later").times(1);
        SendReceipt receipt = mailroom.enqueue(TestMailroom.email("retry me"));

        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        awaitDrained();
        assertEquals(1, smtp.messages().size());
        assertTrue(events.deferred.get(0).contains("451"), events.deferred.toString());
        assertEquals(List.of(receipt.messageId()), events.sent);
    }

    @Test
    void aPermanentFailureBecomesADeadLetterWithTheServersReply() throws Exception {
        start();
        smtp.on(Step.MESSAGE).reply(554, "5.7.1 message refused by policy");
        mailroom.enqueue(TestMailroom.email("refused"));

        await(() -> status().dead() == 1 && events.failed.size() == 1);
        OutboxStatus status = status();
        assertEquals(0, status.queued() + status.deferred());
        String reason = status.recentDeadLetters().get(0).reason();
        assertTrue(reason.contains("554") && reason.contains("5.7.1 message refused by policy"), reason);
        assertEquals(List.of(TestMailroom.TO), status.recentDeadLetters().get(0).recipients());
        assertEquals(1, events.failed.size());
        assertEquals(0, smtp.messages().size());
    }

    @Test
    void aConnectionCutInTheMiddleOfDataIsRetried() throws Exception {
        start();
        smtp.on(Step.MESSAGE).drop().times(1);
        mailroom.enqueue(TestMailroom.email("cut off"));

        awaitDrained();
        assertEquals(1, smtp.messages().size());
        assertTrue(smtp.connectionsAccepted() >= 2, "a new connection after the cut");
    }

    @Test
    void refusedRecipientsAreRecordedAndTheOthersGetTheMessage() throws Exception {
        start();
        smtp.on(Step.RCPT).matching("nobody@").reply(550, "5.1.1 no such user");
        mailroom.enqueue(TestMailroom.emailTo("partly", "nobody@receiver.test", TestMailroom.TO));

        await(() -> status().dead() == 1);
        assertEquals(List.of(TestMailroom.TO), smtp.messages().get(0).recipients());
        String reason = status().recentDeadLetters().get(0).reason();
        assertTrue(reason.contains("nobody@receiver.test") && reason.contains("5.1.1 no such user"), reason);
    }

    @Test
    void mailQueuedWhileTheServerIsDownArrivesWhenItComesBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        mailroom = newMailroom(port);
        mailroom.enqueue(TestMailroom.email("patience"));
        await(() -> !events.deferred.isEmpty());

        smtp = ScriptedSmtpServer.start(port, Duration.ofSeconds(30));
        awaitDrained();
        assertEquals(1, smtp.messages().size());
    }

    @Test
    void queuedMailSurvivesAnAdapterRestart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        mailroom = newMailroom(port);
        mailroom.enqueue(TestMailroom.email("kept on disk"));
        mailroom.close();
        assertTrue(Files.list(outbox).findAny().isPresent(), "the journal is on disk");

        smtp = ScriptedSmtpServer.start(port, Duration.ofSeconds(30));
        mailroom = newMailroom(port);
        awaitDrained();
        assertEquals(1, smtp.messages().size());
        assertTrue(smtp.messages().get(0).text().contains("kept on disk"));
    }

    private void start() throws Exception {
        smtp = ScriptedSmtpServer.start();
        mailroom = newMailroom(smtp.port());
    }

    private TestMailroom newMailroom(int port) throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(port);
        settings.setOutboxDirectory(outbox.toString());
        settings.setConnectTimeoutMillis(1_000);
        settings.setRetryInitialDelayMillis(50);
        settings.setRetryMaxDelayMillis(200);
        settings.setDeliveryWorkers(2);
        TestMailroom started = new TestMailroom(settings, 1);
        started.factory().addDeliveryListener(events);
        return started;
    }

    private OutboxStatus status() {
        return mailroom.factory().outboxStatus();
    }

    private void awaitDrained() throws InterruptedException {
        await(() -> !events.sent.isEmpty() && status().queued() + status().deferred() == 0);
    }

    /** Polls every 20 ms until the condition holds, failing after 20 s; the signing tests use it too. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }

    /** Records the delivery events, as an application's listener would see them. */
    private static final class Events implements DeliveryListener {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<String> deferred = new CopyOnWriteArrayList<>();
        final List<String> failed = new CopyOnWriteArrayList<>();

        @Override
        public void sent(String messageId, SendReceipt receipt) {
            sent.add(messageId);
        }

        @Override
        public void deferred(String messageId, String reason, Instant nextAttempt) {
            deferred.add(reason);
        }

        @Override
        public void failed(String messageId, String reason) {
            failed.add(reason);
        }
    }
}
