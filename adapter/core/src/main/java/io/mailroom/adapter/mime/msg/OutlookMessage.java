package io.mailroom.adapter.mime.msg;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.datatypes.Chunk;
import org.apache.poi.hsmf.datatypes.MAPIProperty;
import org.apache.poi.hsmf.datatypes.PropertyValue;
import org.apache.poi.hsmf.datatypes.RecipientChunks;
import org.apache.poi.hsmf.datatypes.StringChunk;
import org.apache.poi.hsmf.exceptions.ChunkNotFoundException;
import org.bbottema.rtftohtml.impl.RTF2HTMLConverterRFCCompliant;

/**
 * Reads an Outlook {@code .msg} file (with Apache POI HSMF) into an {@link Email}, which the
 * adapter then sends like any other.
 *
 * <ul>
 *   <li>Subject, plain-text body and HTML body (PR_HTML in its PR_INTERNET_CPID code page). When
 *       the file has no HTML but an RTF body that encapsulates HTML ({@code \fromhtml1}, as
 *       Outlook stores HTML mail), the HTML is de-encapsulated with {@code rtf-to-html}'s
 *       RFC-compliant converter; plain RTF is left out, since the text body says the same.</li>
 *   <li>From: the sender when it has an SMTP address (not an Exchange DN); otherwise none, so
 *       the connection factory's {@code defaultFrom} applies.</li>
 *   <li>To, Cc and Bcc from the recipient table (PR_RECIPIENT_TYPE). With an {@link Envelope}
 *       they are only headers and the envelope decides who receives it; a file without
 *       recipients then gets the envelope's as To.</li>
 *   <li>Attachments by value with their long file name, MIME tag and Content-ID (inline images).</li>
 * </ul>
 * The whole file is read into memory (POI needs random access to the compound file).
 */
public final class OutlookMessage {
    private static final int TYPE_CC = 2;
    private static final int TYPE_BCC = 3;

    private OutlookMessage() {
    }

    /**
     * @param msg the {@code .msg} file; read to its end, not closed
     * @param envelope the SMTP recipients that override the file's, or {@code null}
     * @return the message
     * @throws InvalidEmailException if the file cannot be read or has no usable recipient
     */
    public static Email read(InputStream msg, Envelope envelope) {
        try {
            MAPIMessage outlook = new MAPIMessage(new NonClosing(msg));
            outlook.setReturnNullOnMissingChunk(true);
            return toEmail(outlook, envelope);
        } catch (InvalidEmailException e) {
            throw e;
        } catch (IOException | ChunkNotFoundException | RuntimeException e) {
            throw new InvalidEmailException("msg", MsgMessages.unreadable(e.getMessage()), e);
        }
    }

    private static Email toEmail(MAPIMessage outlook, Envelope envelope) throws ChunkNotFoundException {
        Email.Builder email = Email.builder();
        String from = smtpAddress(outlook.getDisplayFrom(), chunkValue(outlook.getMainChunks().getEmailFromChunk()));
        if (from != null) {
            email.from(from);
        }
        int recipients = addRecipients(outlook, email, envelope != null);
        if (recipients == 0) {
            if (envelope == null) {
                throw new InvalidEmailException("msg", MsgMessages.noRecipient());
            }
            email.to(envelope.recipients().toArray(String[]::new));
        }
        String subject = outlook.getSubject();
        if (subject != null && !subject.isBlank()) {
            email.subject(subject.replaceAll("[\\r\\n]+", " ").strip());
        }
        email.text(outlook.getTextBody());
        email.html(html(outlook));
        addAttachments(outlook, email);
        return email.build();
    }

    private static int addRecipients(MAPIMessage outlook, Email.Builder email, boolean envelopeGiven) {
        int added = 0;
        for (RecipientChunks recipient : outlook.getRecipientDetailsChunks()) {
            String name = recipient.getRecipientName();
            String address = smtpAddress(name, recipient.getRecipientEmailAddress());
            if (address == null) {
                if (envelopeGiven) {
                    continue;
                }
                throw new InvalidEmailException("msg", MsgMessages.recipientWithoutSmtpAddress(name,
                        recipient.getRecipientEmailAddress()));
            }
            switch (recipientType(recipient)) {
                case TYPE_CC -> email.cc(address);
                case TYPE_BCC -> email.bcc(address);
                default -> email.to(address);
            }
            added++;
        }
        return added;
    }

    private static int recipientType(RecipientChunks recipient) {
        List<PropertyValue> type = recipient.getProperties().get(MAPIProperty.RECIPIENT_TYPE);
        return type == null || type.isEmpty() || !(type.get(0).getValue() instanceof Integer value) ? 1 : value;
    }

    /** "Name <address>" (RFC 2047-encoded name), or {@code null} when there is no SMTP address. */
    private static String smtpAddress(String name, String address) {
        if (address == null || address.startsWith("/") || address.indexOf('@') < 1) {
            return null;
        }
        try {
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            if (name != null && !name.isBlank() && !name.strip().equalsIgnoreCase(address.strip())) {
                parsed.setPersonal(name.strip(), StandardCharsets.UTF_8.name());
            }
            return parsed.toString();
        } catch (AddressException | UnsupportedEncodingException e) {
            return null;
        }
    }

    private static String html(MAPIMessage outlook) throws ChunkNotFoundException {
        String html = outlook.getHtmlBody();
        if (html != null) {
            return html;
        }
        String rtf = outlook.getRtfBody();
        return rtf != null && rtf.contains("\\fromhtml") ? RTF2HTMLConverterRFCCompliant.INSTANCE.rtf2html(rtf) : null;
    }

    private static void addAttachments(MAPIMessage outlook, Email.Builder email) {
        AttachmentChunks[] attachments = outlook.getAttachmentFiles();
        for (int i = 0; i < attachments.length; i++) {
            AttachmentChunks a = attachments[i];
            String name = firstNonBlank(chunkValue(a.getAttachLongFileName()), chunkValue(a.getAttachFileName()),
                    "attachment-" + (i + 1));
            if (a.isEmbeddedMessage() || a.getAttachData() == null) {
                throw new InvalidEmailException("msg", MsgMessages.embeddedItem(i + 1, name));
            }
            String type = firstNonBlank(chunkValue(a.getAttachMimeTag()), URLConnection.guessContentTypeFromName(name),
                    "application/octet-stream");
            Attachment attachment = Attachment.fromBytes(name, type, a.getAttachData().getValue());
            String contentId = chunkValue(a.getAttachContentId());
            email.attach(contentId == null || contentId.isBlank() ? attachment : attachment.inline(contentId.strip()));
        }
    }

    private static String chunkValue(Chunk chunk) {
        return chunk instanceof StringChunk string ? string.getValue() : null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** POI closes the stream it reads; the caller owns it. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
