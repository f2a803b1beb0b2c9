package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.OutboxStatus;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees of trouble: deferrals and dead letters in the log, the newest dead letters first. */
class DeliveryLoggingTest {

    @TempDir
    Path outbox;

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;

    @BeforeEach
    void start() throws Exception {
        smtp = ScriptedSmtpServer.start();
        mailroom = new TestMailroom(TestMailroom.quickRetries(smtp.port(), outbox), 1);
    }

    @AfterEach
    void stop() {
        mailroom.close();
        smtp.close();
    }

    @Test
    void aDeferralIsLoggedOnceWithTheServersReplyAndTheNextAttemptTime() throws Exception {
        try (LogCapture log = new LogCapture()) {
            smtp.on(Step.MESSAGE).reply(451, "4.3.0 try again later").times(1);
            SendReceipt receipt = mailroom.enqueue(TestMailroom.email("deferred once"));

            Await.until(() -> smtp.messages().size() == 1);
            Thread.sleep(200); // the delivery is logged after the server's reply
            List<String> deferrals = log.text().lines().filter(l -> l.contains("MAILROOM-6010")).toList();
            assertEquals(1, deferrals.size(), log.text());
            String line = deferrals.get(0);
            assertTrue(line.contains(receipt.messageId()) && line.contains("451") && line.contains("4.3.0 try again later")
                    && line.contains("next attempt at"), line);
        }
    }

    @Test
    void aDeadLetterIsLoggedWithItsReason() throws Exception {
        try (LogCapture log = new LogCapture()) {
            smtp.on(Step.MESSAGE).reply(554, "5.7.1 refused by policy");
            mailroom.enqueue(TestMailroom.email("refused"));

            Await.until(() -> log.text().contains("MAILROOM-3005"));
            assertTrue(log.text().lines().anyMatch(l -> l.startsWith("WARNING") && l.contains("MAILROOM-3005")
                    && l.contains("5.7.1 refused by policy")), log.text());
        }
    }

    @Test
    void outboxStatusListsTheNewestDeadLetterFirst() throws Exception {
        smtp.on(Step.MESSAGE).reply(554, "5.7.1 refused by policy");
        SendReceipt older = mailroom.enqueue(TestMailroom.email("older"));
        Await.until(() -> status().dead() == 1);
        SendReceipt newer = mailroom.enqueue(TestMailroom.email("newer"));
        Await.until(() -> status().dead() == 2);

        List<String> listed = status().recentDeadLetters().stream().map(OutboxStatus.DeadLetterInfo::messageId).toList();
        assertEquals(List.of(newer.messageId(), older.messageId()), listed);
    }

    private OutboxStatus status() {
        return mailroom.factory().outboxStatus();
    }
}
