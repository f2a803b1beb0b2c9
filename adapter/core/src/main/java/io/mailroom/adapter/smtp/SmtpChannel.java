package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.mime.ComposedMessage;
import io.mailroom.adapter.mime.StreamedMessage;
import io.mailroom.adapter.smtp.pipelining.OwedReply;
import io.mailroom.adapter.smtp.pipelining.PipeliningTransport;

import io.mailroom.adapter.wire.WireMessages;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.SendReceipt;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.Arrays;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SMTP connection, opened on first use and kept open between messages.
 *
 * <p>A connection the server closed while it sat idle in the pool (EOF, or a {@code 421} reply)
 * is replaced transparently: the message is sent again on a new connection, once. A failure on a
 * connection that was just opened is reported, not retried. A connection lives by age: the first
 * message after {@code maxConnectionAgeSeconds} (or after {@code maxMessagesPerConnection}
 * messages, a cap set high by default) closes it, and the next message opens a new one.
 */
public final class SmtpChannel {
    private static final int OK = 250;

    private final SmtpConnector connector;
    private final SmtpSettings settings;
    private GuardedTransport transport;
    /** The settings with the port this connection went to, for messages. */
    private SmtpSettings current;
    private int messagesOnConnection;
    /** {@link System#nanoTime()} when this connection was opened. */
    private long openedAt;
    /** How long the last connect took, in nanoseconds, until {@link #takeConnectTime()} reads it; -1 for none. */
    private long connectNanos = -1;
    /** A mail transaction was started and did not end with a 250: the next user needs RSET. */
    private boolean unfinished;
    /** The reply the last message sent left unread; see {@link #sendInTurn}. */
    private OwedReply transportOwed;

    public SmtpChannel(SmtpConnector connector) {
        this.connector = connector;
        this.settings = connector.settings();
        this.current = settings;
    }

    /**
     * Sends one message.
     *
     * @throws io.mailroom.api.MailConnectionException if the server cannot be reached
     * @throws io.mailroom.api.MailDeliveryException if the server refused the message or every recipient
     */
    public synchronized SendReceipt send(ComposedMessage message) {
        RecipientReplies replies = sendToEach(message);
        if (replies.accepted().isEmpty()) {
            throw SmtpFailures.allRefused(replies.refused(), current, null);
        }
        return replies.receipt();
    }

    /**
     * Sends one message and reports each recipient's own reply, for the delivery workers: a
     * recipient refused at {@code RCPT} is not an exception here, even if every one is.
     *
     * @throws io.mailroom.api.MailConnectionException if the server cannot be reached
     * @throws io.mailroom.api.MailDeliveryException if the server refused the message as a whole
     *         ({@code MAIL FROM} or DATA)
     */
    public synchronized RecipientReplies sendToEach(ComposedMessage message) {
        return sendToEach(message, false);
    }

    /**
     * Sends the messages one after another, as {@link #sendToEach} sends each, except that with a
     * server that offers PIPELINING each message goes out before the replies that end the previous
     * one are read (see {@link PipeliningTransport#leaveFinalReply}): through DATA, each message and
     * its final dot go in one write with the next message's envelope, one round trip per message
     * instead of two; with CHUNKING, each whole transaction is written before the previous one's
     * replies are read, two messages per round trip instead of one. A message's outcome is known
     * once those replies are read, after the next message went out: one round trip later than alone.
     * If the connection is lost before, the outcome is a lost connection, as for a message whose
     * reply never came.
     *
     * @param settled told each message's outcome, in order, as soon as it is known
     */
    public synchronized void sendInTurn(List<ComposedMessage> messages, SendOutcome.Settled settled) {
        int previous = -1;
        OwedReply previousReply = null;
        // Every message of several leaves its reply, the last one too: so the one before it is told as soon
        // as its reply comes, before the last message goes out; the last is read at the end.
        boolean more = messages.size() > 1;
        for (int i = 0; i < messages.size(); i++) {
            SendOutcome outcome;
            try {
                RecipientReplies replies = sendToEach(messages.get(i), more);
                outcome = replies == null ? null : SendOutcome.answered(replies);
            } catch (RuntimeException e) {
                outcome = SendOutcome.failed(e);
            }
            if (previous >= 0) {
                settled.outcome(previous, settle(messages.get(previous), previousReply));
                previous = -1;
            }
            if (outcome != null) {
                settled.outcome(i, outcome);
            } else {
                previous = i;
                previousReply = transportOwed;
            }
        }
        if (previous >= 0) { // the last message's reply: the held message goes out now, alone
            settled.outcome(previous, settle(messages.get(previous), previousReply));
        }
    }


    /**
     * @return {@code true} if {@link #sendInTurn} saves round trips on this connection (it is open,
     *         and its server offers PIPELINING)
     */
    public synchronized boolean overlapsMessages() {
        return transport != null && transport.overlapsMessages();
    }

    /** @return {@code null} if the reply to the final dot was left unread ({@code leaveReply}) */
    private RecipientReplies sendToEach(ComposedMessage message, boolean leaveReply) {
        boolean reused = transport != null;
        try {
            return attempt(message, leaveReply);
        } catch (MessagingException first) {
            if (reused && SmtpFailures.isConnectionLoss(first) && canResend(message)) {
                close();
                try {
                    return attempt(message, leaveReply);
                } catch (MessagingException second) {
                    closeIfBroken(second);
                    unfinished = false;
                    throw SmtpFailures.translate(second, current);
                } catch (InvalidEmailException e) {
                    throw e;
                } catch (RuntimeException e) {
                    close(); // as below: the server may still be reading DATA
                    throw e;
                }
            }
            closeIfBroken(first);
            // A refusal: the transport ended the transaction itself (RSET), as Angus does.
            unfinished = false;
            throw SmtpFailures.translate(first, current);
        } catch (InvalidEmailException e) {
            // Refused before MAIL FROM: the connection is clean and stays open.
            throw e;
        } catch (RuntimeException e) {
            // Failed while writing the message (an attachment unreadable after all): the server
            // is still reading DATA, so this connection must not carry another command.
            close();
            throw e;
        }
    }

    /** @return {@code true} if the connection answers NOOP, or has not been opened yet */
    public synchronized boolean isUsable() {
        if (transport == null) {
            return true;
        }
        try {
            return transport.simpleCommand("NOOP") == OK;
        } catch (MessagingException | RuntimeException e) {
            close();
            return false;
        }
    }

    /** Ends any half-finished SMTP transaction (RSET) so the next user starts clean. */
    public synchronized void reset() {
        // After a completed send the server is already between transactions: an RSET would only
        // cost a round trip per message.
        if (transport == null || !unfinished) {
            return;
        }
        unfinished = false;
        try {
            if (transport.simpleCommand("RSET") != OK) {
                close();
            }
        } catch (MessagingException | RuntimeException e) {
            close();
        }
    }

    public synchronized void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // Closing a broken connection: nothing more to do.
            }
            transport = null;
        }
    }

    /** @return {@code null} if the reply to the final dot was left unread; see {@link #transportOwed} */
    private RecipientReplies attempt(ComposedMessage m, boolean leaveReply) throws MessagingException {
        connectIfNeeded();
        boolean smtpUtf8 = m.utf8Field() != null;
        if (smtpUtf8) {
            requireSmtpUtf8(m.utf8Field());
        }
        unfinished = true;
        transportOwed = null;
        RecipientReplies replies;
        try {
            transport.leaveFinalReply(leaveReply);
            transport.send(m.message(), m.recipients(), m.mailFrom(), smtpUtf8);
            transportOwed = transport.owedReply();
            replies = transportOwed != null ? null : replies(m, null, transport.getLastServerResponse());
            if (transportOwed != null && transportOwed.settled()) {
                close(); // lost before its replies could come: the connection is gone, the next message opens another
            }
        } catch (SendFailedException partial) {
            replies = replies(m, partial, transport.getLastServerResponse());
        }
        unfinished = false;
        if (++messagesOnConnection >= settings.maxMessagesPerConnection()
                || System.nanoTime() - openedAt >= TimeUnit.SECONDS.toNanos(settings.maxConnectionAgeSeconds())) {
            close(); // reads a reply left unread first
        }
        return replies;
    }

    /**
     * The recipients' replies for a message the transport sent, or that went to some recipients
     * only ({@code partial}) or to none (every RCPT refused, so no DATA was sent: the transport
     * ended the transaction itself, with RSET).
     *
     * @throws SendFailedException {@code partial} itself, if no recipient got the message for a
     *         reason other than their RCPT replies
     */
    private static RecipientReplies replies(ComposedMessage m, SendFailedException partial, String serverReply)
            throws MessagingException {
        String messageId = m.message().getMessageID();
        if (partial == null) {
            return new RecipientReplies(messageId, serverReply.strip(),
                    Arrays.stream(m.recipients()).map(SmtpFailures::plain).toList(), List.of());
        }
        List<RecipientReplies.Refusal> refused = SmtpFailures.refusals(partial);
        Address[] sent = partial.getValidSentAddresses();
        if (sent == null || sent.length == 0) {
            if (refused.isEmpty() || SmtpFailures.isConnectionLoss(partial)) {
                throw partial;
            }
            return new RecipientReplies(messageId, "", List.of(), refused);
        }
        return new RecipientReplies(messageId, serverReply.strip(), Arrays.stream(sent).map(SmtpFailures::plain).toList(),
                refused);
    }

    /** The outcome of a message whose final reply was left unread: read it now if nothing read it yet. */
    private SendOutcome settle(ComposedMessage m, OwedReply reply) {
        try {
            if (!reply.settled() && transport != null) {
                transport.readOwedReply(); // the transport that owes it: a closed one settled it as lost
            }
        } catch (MessagingException e) {
            close();
        }
        MessagingException failure = reply.failure();
        try {
            if (failure == null) {
                return SendOutcome.answered(replies(m, null, reply.serverReply()));
            }
            if (failure instanceof SendFailedException partial) {
                return SendOutcome.answered(replies(m, partial, reply.serverReply()));
            }
            throw failure;
        } catch (MessagingException e) {
            // Not closeIfBroken: the connection that broke may be closed and replaced by now.
            return SendOutcome.failed(SmtpFailures.translate(e, current));
        }
    }

    /**
     * Checks, opening the connection if needed, that the server offers SMTPUTF8: a message with a
     * non-ASCII address can be sent, or stored for sending, only then.
     *
     * @param field the field with the non-ASCII address, for the refusal
     * @throws InvalidEmailException naming the field if the server does not offer SMTPUTF8
     */
    public synchronized void requireSmtpUtf8(String field) {
        connectIfNeeded();
        if (!transport.supportsExtension("SMTPUTF8")) {
            throw new InvalidEmailException(field, WireMessages.needsSmtpUtf8(field, current.address()));
        }
    }

    /** Opens the connection: TLS, authentication and (AUTO, SSL_AUTO) probing are the connector's. */
    private void connectIfNeeded() {
        if (transport != null) {
            return;
        }
        long start = System.nanoTime();
        RouteConnector.Connection connection = connector.open(); // a MailException if it cannot
        connectNanos = System.nanoTime() - start;
        transport = connection.transport();
        current = settings.withPort(connection.route().port());
        messagesOnConnection = 0;
        openedAt = System.nanoTime();
    }

    /**
     * @return how long opening the connection took (TCP, TLS, EHLO, AUTH) if one was opened since
     *         the last call, else {@code null}; for the SMTP connect time metric
     */
    public synchronized Duration takeConnectTime() {
        long nanos = connectNanos;
        connectNanos = -1;
        return nanos < 0 ? null : Duration.ofNanos(nanos);
    }

    /** A streamed message whose body was partly sent cannot be sent again. */
    private static boolean canResend(ComposedMessage message) {
        return !(message.message() instanceof StreamedMessage streamed) || !streamed.started();
    }

    private void closeIfBroken(MessagingException e) {
        if (SmtpFailures.isConnectionLoss(e)) {
            close();
        }
    }
}
