package io.mailroom.adapter.mime.tnef;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.Priority;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Writes an {@link Email} as TNEF ({@code winmail.dat}, {@code application/ms-tnef}), the way
 * Exchange sends a message to Outlook recipients.
 *
 * <p>Hand-written because no Java library writes TNEF: Apache POI's HMEF and Debian's
 * {@code tnef} only read it. It follows MS-OXTNEF and writes only what a reader needs:
 * <ul>
 *   <li>message level: {@code attTnefVersion}, {@code attOemCodepage} (1252), {@code
 *       attMessageClass} ({@code IPM.Note}), {@code attSubject}, {@code attDateSent}, {@code
 *       attPriority}, {@code attBody}, then {@code attMsgProps} with PR_SUBJECT, PR_CONVERSATION_TOPIC,
 *       PR_CLIENT_SUBMIT_TIME, PR_IMPORTANCE, PR_BODY (Unicode), PR_RTF_COMPRESSED (see
 *       {@link RtfBody}) with PR_RTF_IN_SYNC, PR_HTML with PR_INTERNET_CPID 65001 (UTF-8) and
 *       PR_NATIVE_BODY_INFO;</li>
 *   <li>per attachment: {@code attAttachRendData} (which starts a new attachment), {@code
 *       attAttachTitle}, {@code attAttachData}, then {@code attAttachment} with PR_ATTACH_METHOD
 *       (by value), PR_ATTACH_LONG_FILENAME and PR_DISPLAY_NAME in Unicode, PR_ATTACH_EXTENSION,
 *       PR_ATTACH_MIME_TAG, and PR_ATTACH_CONTENT_ID for an inline part.</li>
 * </ul>
 * The 8-bit attributes ({@code attSubject}, {@code attBody}, {@code attAttachTitle}) are Windows-1252 for old
 * readers; the Unicode MAPI properties carry the exact text. Attachments are read into memory, since TNEF
 * needs each length before the bytes.
 */
public final class TnefEncoder {
    /** MIME type of the part. */
    public static final String CONTENT_TYPE = "application/ms-tnef";
    /** File name of the part, as Exchange names it. */
    public static final String FILE_NAME = "winmail.dat";

    private static final int ATT_MESSAGE_CLASS = 0x00078008;
    private static final int ATT_SUBJECT = 0x00018004;
    private static final int ATT_DATE_SENT = 0x00038005;
    private static final int ATT_BODY = 0x0002800C;
    private static final int ATT_PRIORITY = 0x0004800D;
    private static final int ATT_MSG_PROPS = 0x00069003;
    private static final int ATT_TNEF_VERSION = 0x00089006;
    private static final int ATT_OEM_CODEPAGE = 0x00069007;
    private static final int ATT_ATTACH_REND_DATA = 0x00069002;
    private static final int ATT_ATTACH_TITLE = 0x00018010;
    private static final int ATT_ATTACH_DATA = 0x0006800F;
    private static final int ATT_ATTACHMENT = 0x00069005;

    private static final int PR_IMPORTANCE = 0x0017;
    private static final int PR_SUBJECT = 0x0037;
    private static final int PR_CLIENT_SUBMIT_TIME = 0x0039;
    private static final int PR_CONVERSATION_TOPIC = 0x0070;
    private static final int PR_BODY = 0x1000;
    private static final int PR_RTF_COMPRESSED = 0x1009;
    private static final int PR_RTF_IN_SYNC = 0x0E1F;
    private static final int PR_HTML = 0x1013;
    private static final int PR_NATIVE_BODY_INFO = 0x1016;
    private static final int PR_DISPLAY_NAME = 0x3001;
    private static final int PR_INTERNET_CPID = 0x3FDE;
    private static final int PR_ATTACH_EXTENSION = 0x3703;
    private static final int PR_ATTACH_METHOD = 0x3705;
    private static final int PR_ATTACH_LONG_FILENAME = 0x3707;
    private static final int PR_RENDERING_POSITION = 0x370B;
    private static final int PR_ATTACH_MIME_TAG = 0x370E;
    private static final int PR_ATTACH_CONTENT_ID = 0x3712;
    private static final int PR_ATTACHMENT_HIDDEN = 0x7FFE;

    private static final int ATTACH_BY_VALUE = 1;
    private static final int CPID_UTF8 = 65001;
    private static final int NATIVE_BODY_PLAIN = 1;
    private static final int NATIVE_BODY_HTML = 3;

    private TnefEncoder() {
    }

    /**
     * @param email the message; its subject, text, HTML, priority and attachments are encoded
     * @param sent the sent date written into the TNEF
     * @return the {@code winmail.dat} part, base64-encoded
     * @throws InvalidEmailException if an attachment cannot be read
     * @throws MessagingException if the part cannot be built
     */
    public static MimeBodyPart winmailPart(Email email, Instant sent) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(encode(email, sent), CONTENT_TYPE)));
        part.setFileName(FILE_NAME);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /**
     * @param email the message
     * @param sent the sent date written into the TNEF
     * @return the TNEF stream
     * @throws InvalidEmailException if an attachment cannot be read
     */
    public static byte[] encode(Email email, Instant sent) {
        TnefStream tnef = new TnefStream(legacyKey(sent));
        tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_TNEF_VERSION, new byte[] {0, 0, 1, 0});
        tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_OEM_CODEPAGE, new byte[] {(byte) 0xE4, 0x04, 0, 0, 0, 0, 0, 0});
        tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_MESSAGE_CLASS, TnefStream.oemString("IPM.Note"));
        String subject = email.subject() == null ? "" : email.subject();
        tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_SUBJECT, TnefStream.oemString(subject));
        tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_DATE_SENT, TnefStream.date(sent.atZone(ZoneOffset.UTC)));
        tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_PRIORITY, new byte[] {(byte) legacyPriority(email.priority()), 0});
        if (email.text() != null) {
            tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_BODY, email.text().getBytes(TnefStream.OEM));
        }
        tnef.attribute(TnefStream.LEVEL_MESSAGE, ATT_MSG_PROPS, messageProperties(email, subject, sent));
        for (Attachment attachment : email.attachments()) {
            writeAttachment(tnef, attachment);
        }
        return tnef.toByteArray();
    }

    private static byte[] messageProperties(Email email, String subject, Instant sent) {
        MapiProperties props = new MapiProperties()
                .putUnicode(PR_SUBJECT, subject)
                .putUnicode(PR_CONVERSATION_TOPIC, subject)
                .putTime(PR_CLIENT_SUBMIT_TIME, sent)
                .putLong(PR_IMPORTANCE, importance(email.priority()))
                .putUnicode(PR_BODY, email.text())
                .putBinary(PR_RTF_COMPRESSED, RtfBody.compressedRtf(email.text(), email.html()))
                .putBoolean(PR_RTF_IN_SYNC, true)
                .putLong(PR_NATIVE_BODY_INFO, email.html() != null ? NATIVE_BODY_HTML : NATIVE_BODY_PLAIN);
        if (email.html() != null) {
            props.putBinary(PR_HTML, email.html().getBytes(StandardCharsets.UTF_8))
                    .putLong(PR_INTERNET_CPID, CPID_UTF8);
        }
        return props.encode();
    }

    /** attAttachRendData: a file (type 1) at no particular position (-1), no rendering size, flags 0. */
    private static void writeAttachment(TnefStream tnef, Attachment attachment) {
        byte[] rendering = {1, 0, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
        tnef.attribute(TnefStream.LEVEL_ATTACHMENT, ATT_ATTACH_REND_DATA, rendering);
        tnef.attribute(TnefStream.LEVEL_ATTACHMENT, ATT_ATTACH_TITLE, TnefStream.oemString(attachment.fileName()));
        tnef.attribute(TnefStream.LEVEL_ATTACHMENT, ATT_ATTACH_DATA, read(attachment));
        MapiProperties props = new MapiProperties()
                .putLong(PR_ATTACH_METHOD, ATTACH_BY_VALUE)
                .putUnicode(PR_ATTACH_LONG_FILENAME, attachment.fileName())
                .putUnicode(PR_DISPLAY_NAME, attachment.fileName())
                .putUnicode(PR_ATTACH_EXTENSION, extension(attachment.fileName()))
                .putUnicode(PR_ATTACH_MIME_TAG, attachment.contentType())
                .putLong(PR_RENDERING_POSITION, -1);
        if (attachment.isInline()) {
            props.putUnicode(PR_ATTACH_CONTENT_ID, attachment.contentId()).putBoolean(PR_ATTACHMENT_HIDDEN, true);
        }
        tnef.attribute(TnefStream.LEVEL_ATTACHMENT, ATT_ATTACHMENT, props.encode());
    }

    private static byte[] read(Attachment attachment) {
        try (InputStream in = attachment.open()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidEmailException("attachment:" + attachment.fileName(),
                    TnefMessages.attachmentUnreadable(attachment.fileName(), e.getMessage()), e);
        }
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? null : fileName.substring(dot);
    }

    /** PR_IMPORTANCE: 0 low, 1 normal, 2 high. */
    private static int importance(Priority priority) {
        return priority == Priority.HIGH ? 2 : priority == Priority.LOW ? 0 : 1;
    }

    /** attPriority: 1 high, 2 normal, 3 low. */
    private static int legacyPriority(Priority priority) {
        return priority == Priority.HIGH ? 1 : priority == Priority.LOW ? 3 : 2;
    }

    /** The legacy key is a 16-bit value readers ignore; derived from the time so streams differ. */
    private static int legacyKey(Instant sent) {
        return (int) (sent.getEpochSecond() & 0xFFFF);
    }
}
