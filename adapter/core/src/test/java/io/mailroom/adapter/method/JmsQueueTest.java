package io.mailroom.adapter.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.api.MailConnectionException;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.naming.NameNotFoundException;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deliveryMethod=jms} against a real broker: Apache ActiveMQ Artemis (WildFly's embedded
 * one) running in this JVM. What arrives is read with Artemis' own JMS client and parsed back
 * with Angus Mail. The JTA behaviour (commit, rollback) needs a server's transaction manager and
 * is tested in the servers (JmsDeliveryIT).
 */
class JmsQueueTest {
    private static final String CF = "jms/mailroomCF";
    private static final String QUEUE = "jms/mailroom";
    /** A message as a mail client writes it: a non-ASCII display name as an RFC 2047 encoded word, a UTF-8 body. */
    private static final byte[] MIME = ("From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@sender.test>\r\n"
            + "To: Anna <anna@receiver.test>\r\n"
            + "Subject: =?UTF-8?Q?Bestellung_f=C3=BCr_J=C3=BCrgen?=\r\n"
            + "Message-ID: <order-7@sender.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: 8bit\r\n"
            + "\r\n"
            + "Grüße aus Köln.\r\n").getBytes(StandardCharsets.UTF_8);

    private static EmbeddedActiveMQ broker;
    private static ConnectionFactory factory;
    private static Queue queue;

    @BeforeAll
    static void startBroker() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.addAcceptorConfiguration("in-vm", "vm://0");
        broker = new EmbeddedActiveMQ().setConfiguration(config).start();
        factory = new ActiveMQConnectionFactory("vm://0");
        queue = new ActiveMQQueue("mailroom");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.stop();
    }

    private static JmsQueue jmsQueue(Map<String, Object> names) {
        return new JmsQueue(CF, QUEUE, name -> {
            if (!names.containsKey(name)) {
                throw new NameNotFoundException(name);
            }
            return names.get(name);
        });
    }

    private static Map<String, Object> bound() {
        return new HashMap<>(Map.of(CF, factory, QUEUE, queue));
    }

    /** @return every message on the queue now */
    private static List<Message> drain() {
        try (JMSContext context = factory.createContext(); JMSConsumer consumer = context.createConsumer(queue)) {
            List<Message> messages = new java.util.ArrayList<>();
            for (Message m = consumer.receive(2000); m != null; m = consumer.receive(200)) {
                messages.add(m);
            }
            return messages;
        }
    }

    @Test
    void aMessageIsOnePersistentBytesMessageWithTheExactBytesAndTheEnvelopeAsProperties() throws Exception {
        OutboxMessage sent = new OutboxMessage("bounces@sender.test",
                List.of("anna@receiver.test", "audit@receiver.test"), "<order-7@sender.test>", MIME);

        RecipientReplies replies = jmsQueue(bound()).send(sent);

        List<Message> received = drain();
        assertEquals(1, received.size());
        BytesMessage message = (BytesMessage) received.get(0);
        assertArrayEquals(MIME, message.getBody(byte[].class), "the body is the message byte for byte");
        assertEquals("bounces@sender.test", message.getStringProperty(JmsQueue.MAIL_FROM));
        assertEquals("anna@receiver.test\naudit@receiver.test", message.getStringProperty(JmsQueue.RECIPIENTS));
        assertEquals("<order-7@sender.test>", message.getStringProperty(JmsQueue.MESSAGE_ID));
        assertEquals(DeliveryMode.PERSISTENT, message.getJMSDeliveryMode());
        assertEquals(List.of("anna@receiver.test", "audit@receiver.test"), replies.accepted());
        assertEquals("MAILROOM-9013 sent to the JMS queue " + QUEUE + " as " + message.getJMSMessageID(), replies.serverReply());

        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(message.getBody(byte[].class)));
        assertEquals("Jürgen Müller", ((InternetAddress) parsed.getFrom()[0]).getPersonal());
        assertEquals("Bestellung für Jürgen", parsed.getSubject());
        assertEquals("anna@receiver.test", ((InternetAddress) parsed.getRecipients(MimeMessage.RecipientType.TO)[0]).getAddress());
        assertEquals(message.getStringProperty(JmsQueue.MESSAGE_ID), parsed.getMessageID());
        assertEquals("Grüße aus Köln.", ((String) parsed.getContent()).strip());
    }

    @Test
    void theNullReversePathIsAnEmptyMailFromAndAMissingMessageIdNoProperty() throws Exception {
        jmsQueue(bound()).send(new OutboxMessage(null, List.of("anna@receiver.test"), null, MIME));

        Message message = drain().get(0);
        assertEquals("", message.getStringProperty(JmsQueue.MAIL_FROM));
        assertNull(message.getStringProperty(JmsQueue.MESSAGE_ID));
    }

    @Test
    void aNameNotBoundFailsNamingTheSettingAndIsLookedUpAgainOnTheNextSend() {
        Map<String, Object> names = bound();
        names.remove(QUEUE);
        JmsQueue jms = jmsQueue(names);
        OutboxMessage message = new OutboxMessage("a@sender.test", List.of("b@receiver.test"), "<late@sender.test>", MIME);

        MailConnectionException e = assertThrows(MailConnectionException.class, () -> jms.send(message));
        assertTrue(e.getMessage().startsWith("MAILROOM-9007 connection factory property jmsQueue=" + QUEUE + " is invalid"),
                e.getMessage());

        names.put(QUEUE, queue);
        jms.send(message);
        assertEquals(1, drain().size(), "bound later (the server started its messaging after the adapter): found now");
    }

    @Test
    void aNameBoundToSomethingElseFailsNamingTheSettingAndTheTypeWanted() {
        Map<String, Object> names = bound();
        names.put(CF, queue);
        MailConnectionException e = assertThrows(MailConnectionException.class, () -> jmsQueue(names)
                .send(new OutboxMessage("a@sender.test", List.of("b@receiver.test"), "<x@sender.test>", MIME)));
        assertTrue(e.getMessage().startsWith("MAILROOM-9007 connection factory property jmsConnectionFactory=" + CF)
                && e.getMessage().contains("not a jakarta.jms.ConnectionFactory"), e.getMessage());
    }

    @Test
    void aBrokerThatCannotBeReachedFailsNamingTheQueueAndTheMessage() {
        Map<String, Object> names = bound();
        names.put(CF, new ActiveMQConnectionFactory("vm://7"));
        MailConnectionException e = assertThrows(MailConnectionException.class, () -> jmsQueue(names)
                .send(new OutboxMessage("a@sender.test", List.of("b@receiver.test"), "<down@sender.test>", MIME)));
        assertTrue(e.getMessage().startsWith("MAILROOM-9014 message <down@sender.test> could not be sent to the JMS queue "
                + QUEUE), e.getMessage());
    }
}
