package io.mailroom.cdi;

import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.OutboxStatus;
import io.mailroom.api.SendReceipt;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Sends mail through one Mailroom connection factory. Inject it with {@code @Inject MailSender}
 * (the default sender) or {@code @Inject @Mailer("billing") MailSender} (a named one). Thread-safe.
 *
 * <p>Every method checks the message completely first: bad input throws
 * {@link io.mailroom.api.InvalidEmailException} naming the field, and nothing is sent or queued.
 */
public interface MailSender {

    /**
     * Sends on commit. Inside a JTA transaction the messages are enqueued in it: they are written
     * durably when it commits, delivered after that, and never sent if it rolls back. Outside a
     * transaction they are enqueued durably and delivered in the background
     * ({@code mailroom.no-transaction=enqueue}, the default), or sent at once like {@link
     * #sendNow} ({@code send-now}).
     *
     * @param emails one or more messages
     * @return one receipt per message, status {@code QUEUED} (or {@code SENT} with send-now)
     * @throws io.mailroom.api.MailException if the outbox is full or cannot be written
     */
    List<SendReceipt> send(Email... emails);

    /**
     * Sends now, on the calling thread, and returns the server's answer. Guarded by Fault
     * Tolerance: retried on transient failures (4xx, network), never on a 5xx or bad input; with
     * a timeout; through a circuit breaker, and while that is open the message is enqueued into
     * the outbox instead (the receipt then says {@code QUEUED}).
     *
     * @param email the message
     * @return the Message-ID, the server's reply, and the accepted and refused recipients
     * @throws io.mailroom.api.PermanentDeliveryException if the server refused it for good
     * @throws io.mailroom.api.MailConnectionException if the server stayed unreachable
     */
    SendReceipt sendNow(Email email);

    /**
     * {@link #sendNow} on a managed thread.
     *
     * @param email the message
     * @return completes with the receipt, or exceptionally with what {@code sendNow} would throw
     */
    CompletionStage<SendReceipt> sendAsync(Email email);

    /**
     * Sends many messages now, spread over several pooled connections in parallel
     * ({@code mailroom.bulk.connections}, default 4). One message's failure does not stop the
     * others.
     *
     * @param emails the messages
     * @return one result per message, in the order given
     */
    List<BulkResult> sendAll(Collection<Email> emails);

    /**
     * Sends a pre-composed RFC 5322 message (an {@code .eml}) exactly as it is, to the envelope's
     * recipients. Inside a transaction it is enqueued like {@link #send}: spooled to a file of the
     * outbox directory until the commit, not held in memory (see {@link #forward} for the bound);
     * outside one it is streamed to the server.
     *
     * @param eml the complete message; read to its end, not closed
     * @param envelope the SMTP sender and recipients
     * @return the receipt
     */
    SendReceipt sendEml(InputStream eml, Envelope envelope);

    /**
     * {@link #sendEml(InputStream, Envelope)} from a file.
     *
     * @param eml the {@code .eml} file
     * @param envelope the SMTP sender and recipients
     * @return the receipt
     * @throws io.mailroom.api.InvalidEmailException if the file cannot be read
     */
    SendReceipt sendEml(Path eml, Envelope envelope);

    /**
     * Sends an Outlook {@code .msg} file as MIME (subject, sender, text/HTML body, attachments),
     * to its own recipients or the envelope's. Inside a transaction it is enqueued like {@link
     * #send}; outside, sent at once. See {@link io.mailroom.api.MailConnection#sendMsg(InputStream,
     * Envelope)}.
     *
     * @param msg the {@code .msg} file; read to its end, not closed
     * @param envelope {@code null} for the file's recipients, or the SMTP sender and recipients
     * @return the receipt
     */
    SendReceipt sendMsg(InputStream msg, Envelope envelope);

    /**
     * {@link #sendMsg(InputStream, Envelope)} from a file.
     *
     * @param msg the {@code .msg} file
     * @param envelope {@code null} for the file's recipients, or the SMTP sender and recipients
     * @return the receipt
     * @throws io.mailroom.api.InvalidEmailException if the file cannot be read
     */
    SendReceipt sendMsg(Path msg, Envelope envelope);

    /**
     * Forwards a stored message to new recipients, sent at once. It is never loaded into memory:
     * outside a transaction the headers are read and the body is streamed to the SMTP server as it
     * is read, so messages of any size cost a buffer, not heap. Inside a JTA transaction it is
     * enqueued on the transaction like {@link #send}: copied as it is read to a spool file in the
     * outbox directory ({@code spool/}), which the commit copies into the outbox in bounded chunks
     * and then deletes (a rollback deletes it too); the delivery workers stream it from the outbox
     * to the server. A message larger than the outbox ({@code outboxMaxMegabytes}) is refused
     * ({@code MAILROOM-1028}) and nothing of it kept; once open transactions together hold that
     * much (in memory and spooled), further messages are refused ({@code MAILROOM-5012}).
     *
     * @param eml the stored message
     * @param envelope the new SMTP recipients (and sender)
     * @return the server's answer, or the queued receipt inside a transaction
     */
    SendReceipt forward(InputStream eml, Envelope envelope);

    /** @return counts of queued, deferred, in-doubt and dead messages of this sender's outbox */
    OutboxStatus outboxStatus();
}
