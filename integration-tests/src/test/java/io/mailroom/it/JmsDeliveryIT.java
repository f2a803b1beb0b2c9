package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code deliveryMethod=jms} with the server's own messaging engine (Liberty's
 * {@code messagingServer-3.0}, WildFly's embedded Artemis): the message is on the queue if and only
 * if the application's JTA transaction commits, once, byte for byte. The factory's SMTP port has
 * nothing listening, so any mail that tried SMTP would fail. Every "exactly one" or "none" check
 * reads the queue up to a later marker message sent outside any transaction, so nothing that
 * could still arrive is missed.
 */
@ExtendWith(ArquillianExtension.class)
class JmsDeliveryIT {
    private static final String JUERGEN = "=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.com>";

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(JmsDeliveryIT.class, JmsInbox.class);
    }

    private static MailConnectionFactory factory() {
        return ItServer.lookup("mail/jms");
    }

    @Test
    void aCommittedTransactionPutsExactlyOneMessageOnTheQueueWithTheBytesAsSent() throws Exception {
        String subject = "committed " + UUID.randomUUID();
        byte[] raw = raw(subject);
        UserTransaction tx = userTransaction();
        tx.begin();
        SendReceipt receipt;
        try (MailConnection mail = factory().getConnection()) {
            receipt = mail.sendRaw(raw, Envelope.of("bounces@example.com", "anna@example.com", "audit@example.com"));
        }
        tx.commit();

        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        List<JmsInbox.Received> mine = withSubject(subject, JmsInbox.receiveUntil(marker()));
        assertEquals(1, mine.size(), "on the queue exactly once");
        JmsInbox.Received message = mine.get(0);
        assertArrayEquals(raw, message.mime(), "the body is the message byte for byte");
        assertEquals("bounces@example.com", message.mailFrom());
        assertEquals("anna@example.com\naudit@example.com", message.recipients());
        MimeMessage parsed = message.parsed();
        assertEquals("Jürgen Müller", ((InternetAddress) parsed.getFrom()[0]).getPersonal());
        assertEquals(subject, parsed.getSubject());
        assertEquals(message.messageId(), parsed.getMessageID());
        assertEquals("<" + subject.substring(10) + "@example.com>", message.messageId());
    }

    @Test
    void aRolledBackTransactionLeavesNothingOnTheQueue() throws Exception {
        String subject = "rolled back " + UUID.randomUUID();
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection mail = factory().getConnection()) {
            mail.sendRaw(raw(subject), Envelope.of("bounces@example.com", "anna@example.com"));
        } finally {
            tx.rollback();
        }

        assertEquals(List.of(), withSubject(subject, JmsInbox.receiveUntil(marker())).stream()
                .map(JmsInbox.Received::messageId).toList(), "on the queue though rolled back");
    }

    @Test
    void outsideATransactionAComposedMessageIsOnTheQueueWhenSendReturns() throws Exception {
        String subject = "Bestellung für Jürgen " + UUID.randomUUID();
        SendReceipt receipt;
        try (MailConnection mail = factory().getConnection()) {
            receipt = mail.send(Email.builder().from("Jürgen Müller <juergen@example.com>").to("Anna <anna@example.com>")
                    .bcc("audit@example.com").subject(subject).text("Grüße").build());
        }

        assertEquals(SendReceipt.Status.SENT, receipt.status());
        assertTrue(receipt.serverReply().startsWith("MAILROOM-9013 sent to the JMS queue "), receipt.serverReply());
        List<JmsInbox.Received> mine = withSubject(subject, JmsInbox.receiveUntil(subject));
        assertEquals(1, mine.size());
        MimeMessage parsed = mine.get(0).parsed();
        assertEquals("Jürgen Müller", ((InternetAddress) parsed.getFrom()[0]).getPersonal());
        assertEquals("anna@example.com", ((InternetAddress) parsed.getRecipients(RecipientType.TO)[0]).getAddress());
        assertNull(parsed.getHeader("Bcc"), "Bcc is in the envelope only");
        assertEquals("anna@example.com\naudit@example.com", mine.get(0).recipients());
        assertEquals(receipt.messageId(), mine.get(0).messageId());
        assertEquals(receipt.messageId(), parsed.getMessageID());
    }

    @Test
    void anEnqueuedMessageIsPutOnTheQueueByADeliveryWorker() throws Exception {
        String subject = "enqueued " + UUID.randomUUID();
        try (MailConnection mail = factory().getConnection()) {
            assertEquals(SendReceipt.Status.QUEUED,
                    mail.enqueue(Email.builder().to("anna@example.com").subject(subject).text("later").build()).status());
        }

        assertEquals(1, withSubject(subject, JmsInbox.receiveUntil(subject)).size());
    }

    /** A message as a mail client writes it, with a non-ASCII display name as an RFC 2047 encoded word. */
    private static byte[] raw(String subject) {
        String id = subject.substring(subject.lastIndexOf(' ') + 1);
        return ("From: " + JUERGEN + "\r\nTo: Anna <anna@example.com>\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + id + "@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a marker outside any transaction and returns its subject: read up to it, nothing earlier is missed. */
    private static String marker() throws Exception {
        String subject = "marker " + UUID.randomUUID();
        try (MailConnection mail = factory().getConnection()) {
            mail.sendRaw(raw(subject), Envelope.of("bounces@example.com", "anna@example.com"));
        }
        return subject;
    }

    private static List<JmsInbox.Received> withSubject(String subject, List<JmsInbox.Received> received) {
        return received.stream().filter(r -> subject.equals(r.subject())).toList();
    }

    private static UserTransaction userTransaction() throws Exception {
        return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
    }
}
