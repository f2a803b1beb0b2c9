package io.mailroom.adapter.method;

import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.api.MailConnectionException;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * {@code deliveryMethod=jms}: each message as one persistent {@link BytesMessage} on a queue of
 * the server's own messaging engine, for a consumer that relays, archives or audits mail.
 *
 * <p>The message is sent with the server's connection factory ({@code jmsConnectionFactory}) on
 * the thread that calls {@link #send}. Inside a JTA transaction the server enlists the JMS
 * session in that transaction (as Jakarta Messaging asks of a Jakarta EE container): the message is on the queue
 * if and only if the transaction commits. Outside one it is on the queue when {@code send}
 * returns. Only the Jakarta Messaging API is used; the server supplies the provider.
 *
 * <p>Format: the body is the RFC 5322 message exactly as composed and signed; the envelope
 * travels as string properties, {@value #MAIL_FROM} (empty for the null reverse-path),
 * {@value #RECIPIENTS} (the {@code RCPT TO} addresses, Bcc included, one per line: an address
 * cannot contain a line break) and {@value #MESSAGE_ID} (the {@code Message-ID} header, brackets
 * included).
 *
 * <p>Both JNDI names are looked up on first use, not when the factory is configured (the
 * server may bind its messaging resources after the adapter's), and kept once found.
 */
public final class JmsQueue implements DeliveryConnection {
    /** String property: the envelope sender ({@code MAIL FROM}); empty for the null reverse-path. */
    public static final String MAIL_FROM = "MailroomMailFrom";
    /** String property: the envelope recipients ({@code RCPT TO}), one per line ({@code \n}). */
    public static final String RECIPIENTS = "MailroomRecipients";
    /** String property: the message's {@code Message-ID} header, angle brackets included. */
    public static final String MESSAGE_ID = "MailroomMessageId";

    /** Looks a JNDI name up: the server's {@link InitialContext}, or a map in tests. */
    @FunctionalInterface
    interface Names {
        Object lookup(String name) throws NamingException;
    }

    private final String connectionFactoryName;
    private final String queueName;
    private final Names names;
    private volatile Resolved resolved;

    private record Resolved(ConnectionFactory factory, Queue queue) {
    }

    /**
     * @param connectionFactoryName the {@code jmsConnectionFactory} setting
     * @param queueName the {@code jmsQueue} setting
     */
    public JmsQueue(String connectionFactoryName, String queueName) {
        this(connectionFactoryName, queueName, JmsQueue::lookUp);
    }

    JmsQueue(String connectionFactoryName, String queueName, Names names) {
        this.connectionFactoryName = connectionFactoryName;
        this.queueName = queueName;
        this.names = names;
    }

    /**
     * Sends the message to the queue, in the caller's JTA transaction if there is one.
     *
     * @throws MailConnectionException naming {@code jmsConnectionFactory} or {@code jmsQueue} if a
     *         name does not resolve to the right kind of object ({@code MAILROOM-9007}), or naming
     *         the queue if the messaging engine refused the message ({@code MAILROOM-9014}): a
     *         delivery worker retries it
     */
    @Override
    public RecipientReplies send(OutboxMessage message) {
        Resolved target = resolved();
        try (JMSContext context = target.factory().createContext()) {
            BytesMessage jms = context.createBytesMessage();
            jms.writeBytes(message.mime());
            jms.setStringProperty(MAIL_FROM, message.mailFrom() == null ? "" : message.mailFrom());
            jms.setStringProperty(RECIPIENTS, String.join("\n", message.recipients()));
            if (message.messageId() != null) {
                jms.setStringProperty(MESSAGE_ID, message.messageId());
            }
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(target.queue(), jms);
            return new RecipientReplies(message.messageId(), MethodMessages.sentToQueue(queueName, jms.getJMSMessageID()),
                    message.recipients(), List.of());
        } catch (JMSException | JMSRuntimeException e) {
            throw new MailConnectionException(queueName, 0,
                    MethodMessages.notSentToQueue(queueName, message.messageId(), e.toString()), e);
        }
    }

    /** Both names, looked up together until both resolve, then kept. */
    private Resolved resolved() {
        Resolved found = resolved;
        if (found == null) {
            found = new Resolved(resolve("jmsConnectionFactory", connectionFactoryName, ConnectionFactory.class),
                    resolve("jmsQueue", queueName, Queue.class));
            resolved = found;
        }
        return found;
    }

    private <T> T resolve(String setting, String name, Class<T> type) {
        Object found;
        try {
            found = names.lookup(name);
        } catch (NamingException e) {
            throw new MailConnectionException(name, 0,
                    MethodMessages.jmsNameUnresolvable(setting, name, "no such name in JNDI (" + e + ")"), e);
        }
        if (!type.isInstance(found)) {
            String kind = found == null ? "null" : "a " + found.getClass().getName();
            throw new MailConnectionException(name, 0,
                    MethodMessages.jmsNameUnresolvable(setting, name, "it is " + kind + ", not a " + type.getName()), null);
        }
        return type.cast(found);
    }

    private static Object lookUp(String name) throws NamingException {
        InitialContext context = new InitialContext();
        try {
            return context.lookup(name);
        } finally {
            context.close();
        }
    }

    /** Nothing to close: each send opens and closes its own {@link JMSContext} from the server's pool. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "JmsQueue[" + connectionFactoryName + " -> " + queueName + "]";
    }
}
