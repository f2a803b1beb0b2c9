package io.mailroom.adapter.mime;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.Priority;
import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns an {@link Email} into a {@link MimeMessage}, and a pre-composed message plus an
 * {@link Envelope} into one that is sent as is. Every address is parsed strictly first, so bad
 * input fails here, before a byte goes to the server.
 *
 * <p>Structure: {@code multipart/mixed} (when there are attachments) around {@code
 * multipart/related} (when there are inline parts) around {@code multipart/alternative} (when
 * there are both text and HTML).
 */
public final class MimeComposer {
    private final Session session;
    private final String defaultFrom;

    public MimeComposer(Session session, String defaultFrom) {
        this.session = session;
        this.defaultFrom = defaultFrom;
    }

    public ComposedMessage compose(Email email) {
        try {
            String fromText = email.from() != null ? email.from() : defaultFrom;
            if (fromText == null) {
                throw new InvalidEmailException("from", MimeMessages.noFrom());
            }
            InternetAddress from = address("from", fromText);
            requireReadable(email.attachments());
            List<Address> envelope = new ArrayList<>();
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(MimeMessage.RecipientType.TO, addresses("to", email.to(), envelope));
            message.setRecipients(MimeMessage.RecipientType.CC, addresses("cc", email.cc(), envelope));
            addresses("bcc", email.bcc(), envelope);
            if (!email.replyTo().isEmpty()) {
                message.setReplyTo(addresses("replyTo", email.replyTo(), new ArrayList<>()));
            }
            if (email.subject() != null) {
                message.setSubject(email.subject(), "UTF-8");
            }
            message.setSentDate(new Date());
            writePriority(message, email.priority());
            for (Map.Entry<String, String> h : email.headers().entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            writeBody(message, email);
            MailCommandMap.applyTo(message);
            message.saveChanges();
            return new ComposedMessage(message, envelope.toArray(Address[]::new));
        } catch (MessagingException e) {
            throw new InvalidEmailException("message", MimeMessages.notComposed(e.getMessage()), e);
        }
    }

    public ComposedMessage composeRaw(InputStream rfc5322, Envelope envelope) {
        List<Address> recipients = new ArrayList<>();
        addresses("recipients", envelope.recipients(), recipients);
        String mailFrom = envelope.mailFrom() != null ? envelope.mailFrom() : defaultFrom;
        if (mailFrom != null) {
            address("mailFrom", mailFrom);
        }
        try {
            SMTPMessage message = rfc5322 instanceof SharedByteArrayInputStream shared
                    ? new SMTPMessage(session, shared) : new StreamedMessage(session, rfc5322);
            if (mailFrom != null) {
                message.setEnvelopeFrom(mailFrom);
            }
            return new ComposedMessage(message, recipients.toArray(Address[]::new));
        } catch (MessagingException e) {
            throw new InvalidEmailException("message", MimeMessages.unreadableMessage(e.getMessage()), e);
        }
    }

    private static void writeBody(MimeMessage message, Email email) throws MessagingException {
        List<Attachment> inline = email.attachments().stream().filter(Attachment::isInline).toList();
        List<Attachment> attached = email.attachments().stream().filter(a -> !a.isInline()).toList();
        boolean alternative = email.text() != null && email.html() != null;
        String text = email.html() != null ? email.html() : email.text() == null ? "" : email.text();
        String subtype = email.html() != null ? "html" : "plain";
        if (inline.isEmpty() && attached.isEmpty() && !alternative) {
            // One text part: straight into the message, no multipart and no throwaway body part.
            writeText(message, text, subtype);
            return;
        }
        MimeMultipart top = alternative ? alternative(email) : null;
        MimeBodyPart body = alternative ? wrap(top) : textPart(text, subtype);
        if (!inline.isEmpty()) {
            top = new MimeMultipart("related");
            top.addBodyPart(body);
            for (Attachment a : inline) {
                top.addBodyPart(attachmentPart(a));
            }
            body = wrap(top);
        }
        if (!attached.isEmpty()) {
            top = new MimeMultipart("mixed");
            top.addBodyPart(body);
            for (Attachment a : attached) {
                top.addBodyPart(attachmentPart(a));
            }
        }
        message.setContent(top);
    }

    private static MimeMultipart alternative(Email email) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(email.text(), "plain"));
        alternative.addBodyPart(textPart(email.html(), "html"));
        return alternative;
    }

    private static MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        writeText(part, content, subtype);
        return part;
    }

    /** Text in UTF-8 with its transfer encoding chosen here (set after the content, which clears it). */
    private static void writeText(MimePart part, String content, String subtype) throws MessagingException {
        part.setText(content, "UTF-8", subtype);
        part.setHeader("Content-Transfer-Encoding", TransferEncoding.forText(content));
    }

    private static MimeBodyPart wrap(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static MimeBodyPart attachmentPart(Attachment a) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new AttachmentDataSource(a)));
        part.setFileName(a.fileName());
        if (a.isInline()) {
            part.setDisposition(Part.INLINE);
            part.setContentID("<" + a.contentId() + ">");
        } else {
            part.setDisposition(Part.ATTACHMENT);
        }
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** A file attachment is read only while the message is written; a missing file must fail before that. */
    private static void requireReadable(List<Attachment> attachments) {
        for (Attachment a : attachments) {
            try {
                a.open().close();
            } catch (IOException | UncheckedIOException e) {
                throw new InvalidEmailException("attachment:" + a.fileName(),
                        MimeMessages.attachmentUnreadable(a.fileName(), e.getMessage()), e);
            }
        }
    }

    private static void writePriority(MimeMessage message, Priority priority) throws MessagingException {
        if (priority != Priority.NORMAL) {
            message.setHeader("X-Priority", priority.xPriority() + (priority == Priority.HIGH ? " (Highest)" : " (Lowest)"));
            message.setHeader("Importance", priority.importance());
        }
    }

    private static InternetAddress[] addresses(String field, List<String> values, List<Address> envelope) {
        InternetAddress[] parsed = new InternetAddress[values.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = address(field, values.get(i));
            envelope.add(parsed[i]);
        }
        return parsed;
    }

    static InternetAddress address(String field, String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new InvalidEmailException(field, MimeMessages.invalidAddress(field, value, e.getMessage()), e);
        }
    }
}
