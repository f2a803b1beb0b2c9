package io.mailroom.api;

import java.io.InputStream;

/**
 * A handle on one pooled SMTP connection, taken from a {@link MailConnectionFactory}. Close it
 * (try-with-resources) to give the connection back to the pool; the SMTP connection itself stays
 * open for the next user.
 *
 * <p>A handle is not thread-safe: use it from one thread, then close it.
 */
public interface MailConnection extends AutoCloseable {

    /**
     * Sends a message built with {@link Email#builder()}. The message is checked completely
     * (addresses, attachments) before anything is sent or queued.
     *
     * <p>Inside a JTA transaction (or a local transaction of the connection) the message is
     * buffered on the transaction: it is written durably to the outbox when the transaction
     * commits and delivered after that; if the transaction rolls back it is never sent. The
     * receipt then has status {@link SendReceipt.Status#QUEUED}. Outside a transaction the
     * message is sent at once, and the receipt carries the server's reply.
     *
     * @param email the message
     * @return what the server said, or that the message is queued on the transaction
     * @throws InvalidEmailException if the message is invalid; nothing was sent
     * @throws MailConnectionException if the SMTP server cannot be reached
     * @throws MailDeliveryException if the server refused the message
     */
    SendReceipt send(Email email);

    /**
     * Sends a pre-composed RFC 5322 message exactly as it is, to the envelope's recipients.
     *
     * @param rfc5322 the complete message, headers and body, with CRLF line ends
     * @param envelope who it is from and to, at the SMTP level
     * @return what the server said
     * @throws InvalidEmailException if the message or envelope is invalid; nothing was sent
     * @throws MailConnectionException if the SMTP server cannot be reached
     * @throws MailDeliveryException if the server refused the message
     */
    SendReceipt sendRaw(byte[] rfc5322, Envelope envelope);

    /**
     * Sends a pre-composed RFC 5322 message read from a stream, exactly as it is. The stream is
     * read to its end and not closed.
     *
     * @param rfc5322 the complete message
     * @param envelope who it is from and to, at the SMTP level
     * @return what the server said
     * @throws InvalidEmailException if the stream cannot be read or the envelope is invalid
     * @throws MailConnectionException if the SMTP server cannot be reached
     * @throws MailDeliveryException if the server refused the message
     */
    SendReceipt sendRaw(InputStream rfc5322, Envelope envelope);

    /**
     * Writes the message durably to the outbox now, without a transaction, and returns; the
     * delivery workers send it in the background with retries. A message enqueued and not yet
     * delivered survives a crash of the server.
     *
     * @param email the message
     * @return a receipt with status {@link SendReceipt.Status#QUEUED}
     * @throws InvalidEmailException if the message is invalid; nothing was queued
     * @throws MailException if the outbox is full or cannot be written
     */
    SendReceipt enqueue(Email email);

    /** Gives the connection back to the pool. Calling it twice is harmless. */
    @Override
    void close();
}
