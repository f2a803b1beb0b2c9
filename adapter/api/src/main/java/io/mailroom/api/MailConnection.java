package io.mailroom.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

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
     * read to its end and not closed. The message is never held whole in memory: outside a
     * transaction it is copied to the SMTP server as it is read; inside one it is copied to a
     * spool file in the outbox directory as it is read, stored in the outbox from there when the
     * transaction commits (the file is deleted then, or on rollback), and streamed to the server
     * by the delivery workers. The receipt is then {@link SendReceipt.Status#QUEUED}.
     *
     * @param rfc5322 the complete message
     * @param envelope who it is from and to, at the SMTP level
     * @return what the server said, or that the message is queued on the transaction
     * @throws InvalidEmailException if the stream cannot be read or the envelope is invalid; inside
     *                               a transaction also if the message is larger than the outbox
     *                               ({@code outboxMaxMegabytes}, {@code MAILROOM-1028}): nothing
     *                               of it is kept
     * @throws MailConnectionException if the SMTP server cannot be reached
     * @throws MailDeliveryException if the server refused the message
     */
    SendReceipt sendRaw(InputStream rfc5322, Envelope envelope);

    /**
     * Sends an Outlook {@code .msg} file as MIME: its subject, sender, text and HTML body (HTML
     * de-encapsulated from the RTF body when that is all the file has), attachments and inline
     * images, and its To/Cc/Bcc recipients. Behaves like {@link #send(Email)} inside and outside a
     * transaction. A sender without an SMTP address (an Exchange DN) is replaced by the connection
     * factory's {@code defaultFrom}.
     *
     * @param msg the {@code .msg} file; read to its end, not closed
     * @param envelope {@code null} to send to the file's recipients; otherwise the SMTP sender and
     *                 recipients that receive it instead (the file's recipients stay in the headers)
     * @return what the server said, or that the message is queued on the transaction
     * @throws InvalidEmailException if the file cannot be read, has no recipient with an SMTP address
     *                               and no envelope is given, or holds an embedded Outlook item
     * @throws MailConnectionException if the SMTP server cannot be reached
     * @throws MailDeliveryException if the server refused the message
     */
    SendReceipt sendMsg(InputStream msg, Envelope envelope);

    /**
     * {@link #sendMsg(InputStream, Envelope)} from a file.
     *
     * @param msg the {@code .msg} file
     * @param envelope {@code null} for the file's recipients, or the SMTP sender and recipients
     * @return what the server said, or that the message is queued on the transaction
     * @throws InvalidEmailException if the file cannot be read (naming it), or as the stream variant
     */
    default SendReceipt sendMsg(Path msg, Envelope envelope) {
        Objects.requireNonNull(msg, "msg");
        try (InputStream in = Files.newInputStream(msg)) {
            return sendMsg(in, envelope);
        } catch (IOException e) {
            throw new InvalidEmailException("msg", ApiMessages.msgFileUnreadable(msg.toAbsolutePath().toString(),
                    e.getMessage()), e);
        }
    }

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
