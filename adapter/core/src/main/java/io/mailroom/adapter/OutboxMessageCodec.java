package io.mailroom.adapter;

import io.mailroom.adapter.mime.ComposedMessage;
import io.mailroom.adapter.mime.MessageWriter;
import io.mailroom.adapter.mime.MimeMessages;
import io.mailroom.adapter.mime.SharedBodyStream;
import io.mailroom.adapter.mime.StoredMessage;
import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.Spool;
import io.mailroom.adapter.wire.EnvelopeAddress;
import io.mailroom.api.InvalidEmailException;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A composed message in the form the outbox keeps (bytes and envelope), and back again for the
 * transport. A message given as a stream ({@link StreamedMessage}) goes to a spool file, not into
 * memory; one read back from the outbox is streamed from its body.
 */
final class OutboxMessageCodec {
    private OutboxMessageCodec() {
    }

    /**
     * The bytes and envelope the outbox keeps for a composed message.
     *
     * @param session the session the message was composed with: its stream provider writes the bytes
     */
    static OutboxMessage toOutbox(ComposedMessage composed, Session session) {
        try {
            ComposedBytes bytes = new ComposedBytes();
            MessageWriter.writeTo(composed, session, bytes);
            return new OutboxMessage(composed.mailFrom(), recipients(composed), composed.message().getMessageID(),
                    bytes.body());
        } catch (MessagingException | IOException e) {
            throw new InvalidEmailException("message", Messages.notWritableForOutbox(e.getMessage()), e);
        }
    }

    /**
     * The bytes and envelope of a message given as a stream, its bytes copied to a spool file as
     * they are read (a buffer of heap, whatever the size). The caller releases the body.
     *
     * @param maxBytes the largest message accepted
     * @throws InvalidEmailException {@code MAILROOM-1028} if the message is larger (nothing is
     *                               kept), or if the stream or the spool file fails
     */
    static OutboxMessage toSpool(ComposedMessage composed, Session session, Spool spool, long maxBytes) {
        try (Spool.Output out = spool.create(maxBytes)) {
            MessageWriter.writeTo(composed, session, out);
            MessageBody body = out.finish();
            return new OutboxMessage(composed.mailFrom(), recipients(composed), composed.message().getMessageID(), body);
        } catch (Spool.LimitExceeded e) {
            throw new InvalidEmailException("message", Messages.tooLargeForTransaction(e.maxBytes()), e);
        } catch (MessagingException | IOException e) {
            throw new InvalidEmailException("message", Messages.notWritableForOutbox(e.getMessage()), e);
        }
    }

    /**
     * The buffer a message is composed into, which becomes its body as it is: the outbox gets the
     * composed bytes without a copy (the journal writes this buffer to its file).
     */
    private static final class ComposedBytes extends ByteArrayOutputStream {
        ComposedBytes() {
            super(4096);
        }

        MessageBody body() {
            return MessageBody.of(buf, 0, count);
        }
    }

    private static List<String> recipients(ComposedMessage composed) {
        return Arrays.stream(composed.recipients()).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    /**
     * Rebuilds a message from the outbox for the transport without copying or re-encoding its
     * bytes: a body in memory is sent as it is, without parsing its headers, when that writes the
     * same bytes ({@link OutboxBytesMessage}), else shared; any other is streamed
     * ({@link SharedBodyStream}) while it is sent.
     */
    static ComposedMessage fromOutbox(Session session, OutboxMessage kept) {
        try {
            MessageBody body = kept.body();
            SMTPMessage message = body instanceof MessageBody.InMemory m ? OutboxBytesMessage.of(session, m, kept.messageId()) : null;
            if (message == null) {
                message = new StoredMessage(session, body instanceof MessageBody.InMemory m
                        ? new SharedByteArrayInputStream(m.array(), m.offset(), (int) m.size()) : new SharedBodyStream(body));
            }
            message.setEnvelopeFrom(kept.mailFrom());
            Address[] recipients = new Address[kept.recipients().size()];
            String utf8Field = EnvelopeAddress.needsSmtpUtf8(kept.mailFrom()) ? "mailFrom" : null;
            for (int i = 0; i < recipients.length; i++) {
                // Checked when stored; Angus's own parsing would refuse a non-ASCII address.
                recipients[i] = EnvelopeAddress.checked(kept.recipients().get(i));
                if (utf8Field == null && EnvelopeAddress.needsSmtpUtf8(kept.recipients().get(i))) {
                    utf8Field = "recipients";
                }
            }
            return new ComposedMessage(message, recipients, kept.mailFrom(), utf8Field);
        } catch (MessagingException e) {
            throw new InvalidEmailException("message", MimeMessages.unreadableMessage(e.getMessage()), e);
        }
    }
}
