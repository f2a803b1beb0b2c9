package io.mailroom.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads the queue {@code deliveryMethod=jms} sends to, as a consumer application would: with the
 * server's own JMS connection factory, outside any transaction (each message acknowledged as it
 * is received). Liberty binds {@code jms/mailroomCF} and {@code jms/mailroom} (server.xml);
 * WildFly {@code java:/JmsXA} and {@code java:/jms/mailroom} (it.cli).
 */
final class JmsInbox {
    /** One message from the queue: its body and the three properties Mailroom sets. */
    record Received(byte[] mime, String mailFrom, String recipients, String messageId) {
        MimeMessage parsed() throws MessagingException {
            return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
        }

        String subject() {
            try {
                return parsed().getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private JmsInbox() {
    }

    static ConnectionFactory connectionFactory() {
        return ItServer.isWildFly() ? ItServer.lookup("JmsXA") : ItServer.lookup("jms/mailroomCF");
    }

    static Queue queue() {
        return ItServer.lookup("jms/mailroom");
    }

    /**
     * Receives every message up to and including the first whose subject is {@code lastSubject},
     * waiting up to 30 s for each.
     *
     * @return the messages in queue order, the last one included
     * @throws AssertionError if no message with that subject arrives
     */
    static List<Received> receiveUntil(String lastSubject) throws JMSException {
        List<Received> received = new ArrayList<>();
        try (JMSContext context = connectionFactory().createContext();
             JMSConsumer consumer = context.createConsumer(queue())) {
            while (true) {
                Message message = consumer.receive(30_000);
                if (message == null) {
                    throw new AssertionError("no message with subject " + lastSubject + " on the queue; before it: "
                            + received.stream().map(Received::subject).toList());
                }
                Received one = new Received(((BytesMessage) message).getBody(byte[].class),
                        message.getStringProperty("MailroomMailFrom"), message.getStringProperty("MailroomRecipients"),
                        message.getStringProperty("MailroomMessageId"));
                received.add(one);
                if (lastSubject.equals(one.subject())) {
                    return received;
                }
            }
        }
    }
}
