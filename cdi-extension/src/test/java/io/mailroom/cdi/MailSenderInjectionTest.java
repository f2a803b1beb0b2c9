package io.mailroom.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.SendReceipt;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extension in Weld: injection, named senders, configuration problems, events. */
class MailSenderInjectionTest {
    private final CdiMailroom mailroom = new CdiMailroom();

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void theDefaultSenderEnqueuesOutsideATransactionAndTheMessageIsDelivered() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing").start(Senders.class);

        List<SendReceipt> receipts = mailroom.bean(Senders.class).mail.send(email("queued by default"));

        assertEquals(SendReceipt.Status.QUEUED, receipts.get(0).status());
        assertTrue(mailroom.server("mail/mailroom").waitForIncomingEmail(20_000, 1));
        assertEquals("queued by default", mailroom.server("mail/mailroom").getReceivedMessages()[0].getSubject());
    }

    @Test
    void aNamedSenderReachesItsOwnServer() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing").start(Senders.class);

        SendReceipt receipt = mailroom.bean(Senders.class).billing.sendNow(email("invoice"));

        assertEquals(SendReceipt.Status.SENT, receipt.status());
        MimeMessage[] billing = mailroom.server("mail/billing").getReceivedMessages();
        assertEquals("invoice", billing[0].getSubject());
        assertEquals(0, mailroom.server("mail/mailroom").getReceivedMessages().length);
    }

    @Test
    void sendNowModeSendsOutsideATransactionAtOnce() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing")
                .config("mailroom.no-transaction", "send-now").start(Senders.class);

        SendReceipt receipt = mailroom.bean(Senders.class).mail.send(email("right away")).get(0);

        assertEquals(SendReceipt.Status.SENT, receipt.status());
        assertTrue(receipt.serverReply().startsWith("250"), receipt.serverReply());
    }

    @Test
    void aNamedSenderWithoutConfigurationIsADeploymentProblemNamingKeyAndInjectionPoint() throws Exception {
        mailroom.factory("mail/mailroom");
        DeploymentException e = assertThrows(DeploymentException.class, () -> mailroom.start(AuditSender.class));
        String message = allMessages(e);
        assertTrue(message.contains("mailroom.\"audit\".jndi-name"), message);
        assertTrue(message.contains("io.mailroom.cdi.AuditSender.audit"), message);
    }

    @Test
    void aJndiNameWithNoFactoryIsADeploymentProblemNamingTheNameAndKey() throws Exception {
        mailroom.factory("mail/mailroom").config("mailroom.\"billing\".jndi-name", "mail/nowhere")
                .config("mailroom.jndi-wait", "PT0.3S");
        DeploymentException e = assertThrows(DeploymentException.class, () -> mailroom.start(Senders.class));
        String message = allMessages(e);
        assertTrue(message.contains("MAILROOM-7003") && message.contains("mail/nowhere")
                && message.contains("mailroom.\"billing\".jndi-name"), message);
        assertTrue(message.contains("waited PT0.3S, mailroom.jndi-wait"), message);
    }

    @Test
    void aFactoryBoundAMomentAfterTheApplicationStartsIsWaitedForAndUsed() throws Exception {
        mailroom.factory("mail/billing").factoryBoundAfter("mail/mailroom", Duration.ofMillis(1500))
                .config("mailroom.\"billing\".jndi-name", "mail/billing")
                .config("mailroom.no-transaction", "send-now").start(Senders.class);

        SendReceipt receipt = mailroom.bean(Senders.class).mail.send(email("bound late")).get(0);

        assertEquals(SendReceipt.Status.SENT, receipt.status());
        assertEquals("bound late", mailroom.server("mail/mailroom").getReceivedMessages()[0].getSubject());
    }

    @Test
    void anInvalidJndiWaitIsADeploymentProblemNamingTheKey() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing")
                .config("mailroom.jndi-wait", "30 seconds");
        DeploymentException e = assertThrows(DeploymentException.class, () -> mailroom.start(Senders.class));
        String message = allMessages(e);
        assertTrue(message.contains("MAILROOM-7002") && message.contains("mailroom.jndi-wait=30 seconds"), message);
    }

    @Test
    void anInvalidNoTransactionModeIsADeploymentProblemNamingTheKey() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing")
                .config("mailroom.no-transaction", "later");
        DeploymentException e = assertThrows(DeploymentException.class, () -> mailroom.start(Senders.class));
        String message = allMessages(e);
        assertTrue(message.contains("mailroom.no-transaction=later") && message.contains("enqueue or send-now"), message);
    }

    @Test
    void eventsReportQueuedThenDeliveredAndSentNow() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing").start(Senders.class, Recorder.class);
        Recorder recorder = mailroom.bean(Recorder.class);
        Senders senders = mailroom.bean(Senders.class);

        senders.mail.send(email("queued"));
        senders.billing.sendNow(email("now"));
        long deadline = System.currentTimeMillis() + 20_000;
        while (recorder.events.stream().filter(e -> e instanceof MailSent).count() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }

        assertTrue(recorder.events.stream().anyMatch(e -> e instanceof MailQueued q && q.sender().equals("default")));
        assertTrue(recorder.events.stream().anyMatch(e -> e instanceof MailSent s && s.sender().equals("default")),
                recorder.events.toString());
        assertTrue(recorder.events.stream().anyMatch(e -> e instanceof MailSent s && s.sender().equals("billing")));
    }

    @Test
    void eventsOfQueuedMailAreNotFiredOnTheAdaptersDeliveryThread() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing").start(Senders.class, Recorder.class);
        Recorder recorder = mailroom.bean(Recorder.class);
        mailroom.bean(Senders.class).mail.send(email("queued"));
        long deadline = System.currentTimeMillis() + 20_000;
        while (recorder.sentOnThreads.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }

        assertEquals(List.of("mailroom-cdi-events"), recorder.sentOnThreads);
    }

    @Test
    void sendAllReportsEachMessageAndOneBadAddressDoesNotStopTheOthers() throws Exception {
        mailroom.factory("mail/mailroom").factory("mail/billing")
                .config("mailroom.\"billing\".jndi-name", "mail/billing").start(Senders.class);
        List<Email> batch = List.of(email("one"), Email.builder().to("not an address@@x").subject("bad").text("x").build(),
                email("three"), email("four"), email("five"));

        List<BulkResult> results = mailroom.bean(Senders.class).mail.sendAll(batch);

        assertEquals(5, results.size());
        assertInstanceOf(InvalidEmailException.class, results.get(1).failure());
        assertNull(results.get(0).failure());
        assertEquals(4, results.stream().filter(BulkResult::isSent).count());
        assertEquals(4, mailroom.server("mail/mailroom").getReceivedMessages().length);
    }

    private static Email email(String subject) {
        return Email.builder().to("customer@example.com").subject(subject).text("text of " + subject).build();
    }

    static String allMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
            for (Throwable s : t.getSuppressed()) {
                all.append(s.getMessage()).append(" | ");
            }
        }
        return all.toString();
    }
}
