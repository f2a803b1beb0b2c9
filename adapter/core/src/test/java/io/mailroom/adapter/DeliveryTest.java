package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.delivery.RecordedEvents;
import io.mailroom.api.OutboxStatus;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery workers against a scripted SMTP server: queued mail leaves the outbox only after
 * a 250, transient failures are retried, permanent ones become dead letters with the reply.
 */
class DeliveryTest {

    @TempDir
    Path outbox;

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;
    private final RecordedEvents events = new RecordedEvents();

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

        Await.until(() -> status().dead() == 1 && events.failed.size() == 1);
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

        Await.until(() -> status().dead() == 1);
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
        Await.until(() -> !events.deferred.isEmpty());

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
        Await.until(() -> !events.sent.isEmpty() && status().queued() + status().deferred() == 0);
    }
}
