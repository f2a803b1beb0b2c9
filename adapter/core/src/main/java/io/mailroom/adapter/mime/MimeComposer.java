package io.mailroom.adapter.mime;

import io.mailroom.adapter.mime.calendar.InvitationParts;
import io.mailroom.adapter.mime.tnef.TnefEncoder;
import io.mailroom.adapter.wire.EnvelopeAddress;
import io.mailroom.adapter.wire.HeaderText;
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
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Turns an {@link Email} into a {@link MimeMessage}, and a pre-composed message plus an
 * {@link Envelope} into one that is sent as is. Every address is parsed strictly first, so bad
 * input fails here, before a byte goes to the server.
 *
 * <p>Structure: {@code multipart/mixed} (when there are attachments) around {@code
 * multipart/related} (when there are inline parts) around {@code multipart/alternative} (when
 * there are both text and HTML). With {@link Email#tnef()}: {@code multipart/mixed} of the text and
 * a {@code winmail.dat} part that carries the body and attachments. A meeting request adds a
 * {@code text/calendar} alternative and an {@code invite.ics} attachment (see {@link InvitationParts}).
 */
public final class MimeComposer {
    /** RFC 5322 recommends lines of at most 78 characters; a header name alone may not pass that. */
    private static final int LONGEST_HEADER_NAME = 76;

    private final Session session;
    private final Session utf8Session;
    private final String defaultFrom;
    private final UniqueMessageId ids;
    private final UniqueMessageId utf8Ids;
    /** {@code false} only in tests: messages keep Jakarta Mail's {@code InternetHeaders}, to compare with. */
    private final boolean indexedHeaders;

    /**
     * @param session the session messages are composed with
     * @param utf8Session the same settings {@link #withUtf8 with UTF-8 headers}, for messages with a
     *                    non-ASCII address (sent with SMTPUTF8)
     * @param defaultFrom the From address when the message has none, or {@code null}
     */
    public MimeComposer(Session session, Session utf8Session, String defaultFrom) {
        this(session, utf8Session, defaultFrom, true);
    }

    /** @param indexedHeaders {@code false} for messages with Jakarta Mail's own {@code InternetHeaders} (tests) */
    MimeComposer(Session session, Session utf8Session, String defaultFrom, boolean indexedHeaders) {
        this.indexedHeaders = indexedHeaders;
        this.session = session;
        this.utf8Session = utf8Session;
        this.defaultFrom = defaultFrom;
        this.ids = new UniqueMessageId(session);
        this.utf8Ids = new UniqueMessageId(utf8Session);
    }

    /**
     * @param properties a session's properties
     * @return a copy with {@code mail.mime.allowutf8}: headers written as UTF-8, never cut to one byte
     */
    public static Properties withUtf8(Properties properties) {
        Properties utf8 = new Properties();
        utf8.putAll(properties);
        utf8.setProperty("mail.mime.allowutf8", "true");
        return utf8;
    }

    public ComposedMessage compose(Email email) {
        try {
            String fromText = email.from() != null ? email.from() : defaultFrom;
            if (fromText == null) {
                throw new InvalidEmailException("from", MimeMessages.noFrom());
            }
            Addresses addresses = new Addresses();
            InternetAddress from = addresses.header("from", fromText);
            InternetAddress[] to = addresses.envelope("to", email.to());
            InternetAddress[] cc = addresses.envelope("cc", email.cc());
            addresses.envelope("bcc", email.bcc());
            InternetAddress[] replyTo = addresses.header("replyTo", email.replyTo());
            requireReadable(email.attachments());
            // A message with a non-ASCII address is written with UTF-8 headers (RFC 6532) and sent
            // with SMTPUTF8; every other header is ASCII (encoded words) on either session.
            ComposedMimeMessage message = addresses.utf8Field() != null
                    ? new ComposedMimeMessage(utf8Session, true, utf8Ids, indexedHeaders)
                    : new ComposedMimeMessage(session, false, ids, indexedHeaders);
            setAddresses(message, "From", new InternetAddress[] {from});
            setAddresses(message, "To", to);
            setAddresses(message, "Cc", cc);
            setAddresses(message, "Reply-To", replyTo);
            if (email.subject() != null) {
                message.setHeader("Subject", HeaderText.unstructured("Subject", HeaderText.requireText("subject", email.subject())));
            }
            Date sent = new Date();
            message.setHeader("Date", SentDate.header(sent)); // what setSentDate writes, formatted once a second
            writePriority(message, email.priority());
            for (Map.Entry<String, String> h : email.headers().entrySet()) {
                String field = "header:" + h.getKey();
                if (h.getKey().length() > LONGEST_HEADER_NAME) {
                    throw new InvalidEmailException(field, MimeMessages.headerNameTooLong(h.getKey(), LONGEST_HEADER_NAME));
                }
                message.setHeader(h.getKey(), HeaderText.unstructured(h.getKey(), HeaderText.requireText(field, h.getValue())));
            }
            if (email.tnef()) {
                writeTnef(message, email, sent);
            } else {
                writeBody(message, email);
            }
            MailCommandMap.applyTo(message);
            message.saveChanges();
            return new ComposedMessage(message, addresses.recipients(), from.getAddress(), addresses.utf8Field());
        } catch (MessagingException e) {
            throw new InvalidEmailException("message", MimeMessages.notComposed(e.getMessage()), e);
        }
    }

    /** The message to the envelope's recipients (and bounce address) instead of its own, if one is given. */
    public ComposedMessage redirect(ComposedMessage composed, Envelope envelope) {
        if (envelope == null) {
            return composed;
        }
        Addresses addresses = new Addresses();
        addresses.envelope("recipients", envelope.recipients());
        String mailFrom = envelope.mailFrom() == null ? composed.mailFrom()
                : addresses.header("mailFrom", envelope.mailFrom()).getAddress();
        String utf8Field = composed.utf8Field() != null ? composed.utf8Field() : addresses.utf8Field();
        return new ComposedMessage(composed.message(), addresses.recipients(), mailFrom, utf8Field);
    }

    private static void setAddresses(MimeMessage message, String name, InternetAddress[] addresses) throws MessagingException {
        if (addresses.length > 0) {
            message.setHeader(name, HeaderText.addressList(name, addresses));
        }
    }

    public ComposedMessage composeRaw(InputStream rfc5322, Envelope envelope) {
        Addresses addresses = new Addresses();
        addresses.envelope("recipients", envelope.recipients());
        String field = envelope.mailFrom() != null ? "mailFrom" : "defaultFrom";
        String mailFromText = envelope.mailFrom() != null ? envelope.mailFrom() : defaultFrom;
        if (mailFromText == null) {
            throw new InvalidEmailException("mailFrom", MimeMessages.noFrom());
        }
        String mailFrom = addresses.header(field, mailFromText).getAddress();
        try {
            SMTPMessage message = rfc5322 instanceof SharedByteArrayInputStream shared
                    ? new SMTPMessage(session, shared) : new StreamedMessage(session, rfc5322);
            message.setEnvelopeFrom(mailFrom);
            return new ComposedMessage(message, addresses.recipients(), mailFrom, addresses.utf8Field());
        } catch (MessagingException e) {
            throw new InvalidEmailException("message", MimeMessages.unreadableMessage(e.getMessage()), e);
        }
    }

    private static void writeBody(ComposedMimeMessage message, Email email) throws MessagingException {
        InvitationParts invitation = email.invitation() == null ? null
                : InvitationParts.of(email.invitation(), email.subject());
        boolean alternative = email.text() != null && email.html() != null || invitation != null;
        String text = email.html() != null ? email.html() : email.text() == null ? "" : email.text();
        String subtype = email.html() != null ? "html" : "plain";
        if (email.attachments().isEmpty() && !alternative) {
            // One text part: straight into the message, no multipart and no throwaway body part.
            message.setComposedText(text, StandardCharsets.UTF_8, subtype);
            return;
        }
        List<Attachment> inline = email.attachments().stream().filter(Attachment::isInline).toList();
        List<Attachment> attached = email.attachments().stream().filter(a -> !a.isInline()).toList();
        MimeMultipart top = alternative ? alternative(email, invitation) : null;
        MimeBodyPart body = alternative ? wrap(top) : textPart(text, subtype);
        if (!inline.isEmpty()) {
            top = new MimeMultipart("related");
            top.addBodyPart(body);
            for (Attachment a : inline) {
                top.addBodyPart(attachmentPart(a));
            }
            body = wrap(top);
        }
        if (!attached.isEmpty() || invitation != null) {
            top = new MimeMultipart("mixed");
            top.addBodyPart(body);
            for (Attachment a : attached) {
                top.addBodyPart(attachmentPart(a));
            }
            if (invitation != null) {
                top.addBodyPart(invitation.icsAttachment());
            }
        }
        message.setContent(top);
    }

    /** As Exchange sends to Outlook: the text for other clients, everything else in winmail.dat. */
    private static void writeTnef(MimeMessage message, Email email, Date sent) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(textPart(email.text() == null ? "" : email.text(), "plain"));
        mixed.addBodyPart(TnefEncoder.winmailPart(email, sent.toInstant()));
        message.setContent(mixed);
    }

    /** Text, HTML if any, then the calendar: clients show the last alternative they understand. */
    private static MimeMultipart alternative(Email email, InvitationParts invitation) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(email.text() != null ? email.text() : invitation.plainText(), "plain"));
        if (email.html() != null) {
            alternative.addBodyPart(textPart(email.html(), "html"));
        }
        if (invitation != null) {
            alternative.addBodyPart(invitation.calendarPart());
        }
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
        String field = "attachment:" + a.fileName();
        String fileName = HeaderText.requireText(field, a.fileName());
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new AttachmentDataSource(a)));
        // Set after the data handler, which clears them; names as RFC 2231 parameters in UTF-8.
        part.setHeader("Content-Type", HeaderText.contentType(field + " content type", a.contentType(), fileName));
        part.setHeader("Content-Disposition", HeaderText.disposition(a.isInline() ? Part.INLINE : Part.ATTACHMENT, fileName));
        if (a.isInline()) {
            part.setContentID("<" + HeaderText.token(field + " content id", a.contentId()) + ">");
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

    /** The addresses of one message, parsed field by field, and the envelope recipients in order. */
    private static final class Addresses {
        private final List<Address> recipients = new ArrayList<>();
        private String utf8Field;

        InternetAddress header(String field, String value) {
            InternetAddress address = EnvelopeAddress.parse(field, value);
            if (utf8Field == null && EnvelopeAddress.needsSmtpUtf8(address.getAddress())) {
                utf8Field = field;
            }
            return address;
        }

        InternetAddress[] header(String field, List<String> values) {
            InternetAddress[] parsed = new InternetAddress[values.size()];
            for (int i = 0; i < parsed.length; i++) {
                parsed[i] = header(field, values.get(i));
            }
            return parsed;
        }

        InternetAddress[] envelope(String field, List<String> values) {
            InternetAddress[] parsed = header(field, values);
            recipients.addAll(Arrays.asList(parsed));
            return parsed;
        }

        Address[] recipients() {
            return recipients.toArray(Address[]::new);
        }

        /** @return the first field with a non-ASCII address, or {@code null} */
        String utf8Field() {
            return utf8Field;
        }
    }
}
