package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.SendReceipt;
import io.mailroom.cdi.MailQueued;
import io.mailroom.cdi.MailSender;
import io.mailroom.cdi.MailSent;
import io.mailroom.cdi.Mailer;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server (Open Liberty or WildFly) with the CDI extension bundled in the
 * application, as users deploy it:
 * {@code @Inject MailSender} in {@code @Transactional} beans, named senders, Fault Tolerance and
 * events. The circuit-breaker test runs last: the breaker's state is shared by the senders.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailSenderIT {
    private static final String CONFIG = String.join("\n",
            "mailroom.jndi-name=" + ItServer.jndiName("mail/it"),
            "mailroom.\"other\".jndi-name=" + ItServer.jndiName("mail/other"),
            "mailroom.\"down\".jndi-name=" + ItServer.jndiName("mail/down"),
            "io.mailroom.cdi.FaultTolerantSender/sendNow/Retry/delay=10",
            "io.mailroom.cdi.FaultTolerantSender/sendNow/CircuitBreaker/delay=60000");

    @Inject
    CdiShop shop;

    @Inject
    MailSender mail;

    @Inject
    @Mailer("other")
    MailSender other;

    @Inject
    @Mailer("down")
    MailSender down;

    @Inject
    MailEvents events;

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.earWithCdi(CONFIG, MailSenderIT.class, CdiShop.class, MailEvents.class);
    }

    @Test
    @Order(1)
    void aTransactionalMethodThatThrowsSendsNothingAndOneThatCommitsDelivers() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        String rolledBack = "rolled back " + UUID.randomUUID();
        String committed = "committed " + UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> shop.sendThenThrow(email(rolledBack)));
        shop.sendAndCommit(email(committed));

        await(() -> mailbox.count(committed) == 1);
        assertEquals(0, mailbox.count(rolledBack), "the rolled-back message was delivered");
    }

    @Test
    @Order(2)
    void namedSendersReachTwoDifferentSmtpServers() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        TestSmtpServers.other().purgeEmailFromAllMailboxes();

        SendReceipt first = mail.sendNow(email("to the first server"));
        SendReceipt second = other.sendNow(email("to the second server"));

        assertEquals(SendReceipt.Status.SENT, first.status());
        assertEquals(SendReceipt.Status.SENT, second.status());
        assertEquals(1, mailbox.count("to the first server"));
        assertEquals(0, mailbox.count("to the second server"));
        MimeMessage[] atOther = TestSmtpServers.other().getReceivedMessages();
        assertEquals(1, atOther.length);
        assertEquals("to the second server", atOther[0].getSubject());
    }

    @Test
    @Order(3)
    void sendAsyncCompletesWithTheServersReply() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        SendReceipt receipt = mail.sendAsync(email("async")).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertTrue(receipt.serverReply().startsWith("250"), receipt.serverReply());
        assertEquals(1, mailbox.count("async"));
    }

    @Test
    @Order(4)
    void eventsReportTheQueuedMessageAndItsDelivery() throws Exception {
        String subject = "observed " + UUID.randomUUID();
        String messageId = shop.sendAndCommit(email(subject));

        await(() -> events.seen().stream().anyMatch(e -> e instanceof MailSent s && s.messageId().equals(messageId)));
        assertTrue(events.seen().stream().anyMatch(e -> e instanceof MailQueued q && q.messageId().equals(messageId)));
    }

    @Test
    @Order(5)
    void aDownServerTripsTheCircuitBreakerAndTheFallbackEnqueues() throws Exception {
        // Each call is retried (each attempt fails to connect and counts for the breaker) until the
        // breaker opens; from then on the fallback answers at once with a queued receipt.
        SendReceipt receipt = null;
        for (int call = 0; call < 10 && receipt == null; call++) {
            try {
                receipt = down.sendNow(email("while the server is down"));
            } catch (MailConnectionException e) {
                assertTrue(e.getMessage().contains("MAILROOM-2001"), e.getMessage());
            }
        }
        assertTrue(receipt != null, "the circuit opened and the fallback answered");
        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        assertTrue(down.outboxStatus().queued() + down.outboxStatus().deferred() >= 1, "the message waits in the outbox");
    }

    private static Email email(String subject) {
        return Email.builder().to("customer@example.com").subject(subject).text("text of " + subject).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        if (!Mailbox.await(condition)) {
            throw new AssertionError("not within 30 s");
        }
    }
}
