package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.delivery.RecordedEvents;
import io.mailroom.api.OutboxStatus;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queued mail against a scripted server that answers each recipient differently at {@code RCPT}:
 * each recipient's own reply decides what happens to it, and nobody gets the message twice.
 */
class RecipientRepliesTest {
    private static final String TO = TestMailroom.TO;
    private static final String GREY = "grey@receiver.test";
    private static final String NOBODY = "nobody@receiver.test";

    @TempDir
    Path outbox;

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;
    private final RecordedEvents events = new RecordedEvents();
    private final List<String> deferred = events.deferred;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtpServer.start();
        SmtpManagedConnectionFactory settings = TestMailroom.quickRetries(smtp.port(), outbox);
        settings.setDeliveryWorkers(1); // one worker: the transactions come in a fixed order
        mailroom = new TestMailroom(settings, 1);
        mailroom.factory().addDeliveryListener(events);
    }

    @AfterEach
    void stop() {
        mailroom.close();
        smtp.close();
    }

    @Test
    void aGreylistedRecipientIsRetriedWithBackoffAndEachRecipientGetsTheMessageOnce() throws Exception {
        smtp.on(Step.RCPT).matching(GREY).reply(450, "4.7.1 greylisted, try again later").times(2);
        mailroom.enqueue(TestMailroom.emailTo("greylisted", TO, GREY));

        awaitEmpty();
        assertEquals(List.of(List.of(TO), List.of(GREY)), deliveries());
        assertEquals(2, deferred.size(), deferred.toString());
        assertTrue(deferred.get(0).contains(GREY) && deferred.get(0).contains("450 4.7.1 greylisted"), deferred.get(0));
        assertEquals(0, status().dead());
    }

    @Test
    void mixedRepliesDeliverDeadLetterAndRetryEachRecipientByItsOwnReply() throws Exception {
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");
        smtp.on(Step.RCPT).matching(GREY).reply(451, "4.7.1 rate limited").times(1);
        mailroom.enqueue(TestMailroom.emailTo("mixed", TO, NOBODY, GREY));

        awaitEmpty();
        assertEquals(List.of(List.of(TO), List.of(GREY)), deliveries());
        OutboxStatus status = status();
        assertEquals(1, status.dead());
        OutboxStatus.DeadLetterInfo dead = status.recentDeadLetters().get(0);
        assertEquals(List.of(NOBODY), dead.recipients());
        assertTrue(dead.reason().contains(NOBODY) && dead.reason().contains("550 5.1.1 no such user"), dead.reason());
        assertTrue(!dead.reason().contains(GREY) && !dead.reason().contains(TO), dead.reason());
    }

    @Test
    void whenEveryRecipientIsRefusedEachRecipientsOwnCodeDecides() throws Exception {
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");
        smtp.on(Step.RCPT).matching(GREY).reply(450, "4.7.1 greylisted").times(1);
        mailroom.enqueue(TestMailroom.emailTo("all refused", NOBODY, GREY));

        awaitEmpty();
        assertEquals(List.of(List.of(GREY)), deliveries());
        OutboxStatus status = status();
        assertEquals(1, status.dead());
        assertEquals(List.of(NOBODY), status.recentDeadLetters().get(0).recipients());
    }

    @Test
    void tooManyRecipientsSendsTheRestInTheNextTransactionAtOnce() throws Exception {
        String third = "third@receiver.test";
        smtp.on(Step.RCPT).matching(third).reply(452, "4.5.3 too many recipients").times(1);
        mailroom.enqueue(TestMailroom.emailTo("many", TO, GREY, third));

        awaitEmpty();
        assertEquals(List.of(List.of(TO, GREY), List.of(third)), deliveries());
        assertEquals(List.of(), deferred, "no backoff: the rest goes in the next transaction");
        assertEquals(0, status().dead());
    }

    @Test
    void aDeadLetterThatCannotBeWrittenIsTriedAgainWithoutSendingToWhoAlreadyGotIt() throws Exception {
        Path dead = outbox.resolve("dead");
        Files.createDirectories(dead);
        for (int id = 1; id <= 3; id++) { // a directory where the dead letter's temporary file would go
            Files.createDirectories(dead.resolve(id + ".eml.tmp"));
        }
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");
        mailroom.enqueue(TestMailroom.emailTo("dead letter blocked", TO, NOBODY));

        Await.until(() -> deferred.stream().anyMatch(r -> r.contains("MAILROOM-6013")));
        for (int id = 1; id <= 3; id++) {
            Files.delete(dead.resolve(id + ".eml.tmp"));
        }
        awaitEmpty();
        assertEquals(List.of(List.of(TO)), deliveries());
        assertEquals(List.of(NOBODY), status().recentDeadLetters().get(0).recipients());
    }

    private List<List<String>> deliveries() {
        return smtp.messages().stream().map(ScriptedSmtpServer.Message::recipients).toList();
    }

    private OutboxStatus status() {
        return mailroom.factory().outboxStatus();
    }

    private void awaitEmpty() throws InterruptedException {
        Await.until(() -> {
            OutboxStatus s = status();
            return s.queued() + s.deferred() == 0 && (!smtp.messages().isEmpty() || s.dead() > 0);
        });
        Thread.sleep(300); // a repeat, if there were one, would come now
    }
}
