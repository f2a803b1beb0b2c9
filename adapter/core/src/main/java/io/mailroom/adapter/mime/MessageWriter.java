package io.mailroom.adapter.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.LineOutputStream;
import jakarta.mail.util.StreamProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.Locale;

/**
 * Writes a composed message as the bytes {@link MimeMessage#writeTo(OutputStream)} writes, with
 * the session's stream provider. Jakarta Mail 2.1 looks its {@code StreamProvider} up through
 * {@code ServiceLoader} (scanning every jar's {@code META-INF/services}) in each
 * {@code MimeBodyPart.writeTo} and {@code MimeUtility.encode} call (jakartaee/mail-api#861): a
 * profile of {@code MailConnection.enqueue} found those two look-ups in 29 % of its CPU samples.
 *
 * <p>Hand-written, as no library offers it: for a message of one text part, what
 * {@code MimeBodyPart.writeTo} does (every header line, an empty line, the content through the
 * transfer encoder); any other message (multipart, parsed, UTF-8 headers) goes to {@code MimeMessage.writeTo}
 * unchanged. (Handing that a {@link LineOutputStream} would spare one look-up, but Angus' line
 * stream then takes the body byte by byte.)
 */
public final class MessageWriter {
    /** What {@code MimeBodyPart} reads once, from the same system property. */
    private static final boolean ALLOW_UTF8 = Boolean.getBoolean("mail.mime.allowutf8");

    private MessageWriter() {
    }

    /**
     * Writes a message {@link MimeComposer} composed to {@code out}.
     *
     * @param session the session it was composed with, for its stream provider
     */
    public static void writeTo(ComposedMessage composed, Session session, OutputStream out) throws IOException, MessagingException {
        MimeMessage message = composed.message();
        // A message with a non-ASCII address was composed in the UTF-8 session, whose headers
        // Jakarta Mail writes as UTF-8: left to it.
        if (composed.utf8Field() != null || !writeSingleText(message, session, out, null)) {
            message.writeTo(out);
        }
    }

    /**
     * Writes a single-text-part message as {@code MimeMessage.writeTo(out, ignoreList)} would.
     *
     * @param ignoreList header names left out (Angus's transport leaves out Bcc and Content-Length), or {@code null}
     * @return {@code false}, having written nothing, for any other message
     */
    static boolean writeSingleText(MimeMessage message, Session session, OutputStream out, String[] ignoreList)
            throws IOException, MessagingException {
        // A text the composer set (and saved) is known without asking the headers and content type;
        // its handler would write text.getBytes(charset) (BulkTextHandler), so that is written here.
        ComposedMimeMessage composed = message instanceof ComposedMimeMessage c && c.isSaved() ? c : null;
        String text = composed != null ? composed.composedText() : null;
        if (text == null && !isSingleComposedText(message)) {
            return false;
        }
        StreamProvider streams = session.getStreamProvider();
        LineOutputStream lines = streams.outputLineStream(out, ALLOW_UTF8);
        OutputStream body = encoder(streams, message.getEncoding(), out);
        for (Enumeration<String> header = message.getNonMatchingHeaderLines(ignoreList); header.hasMoreElements(); ) {
            lines.writeln(header.nextElement());
        }
        lines.writeln(); // line output writes through: the body goes to out itself, as in MimeBodyPart.writeTo
        if (text != null) {
            body.write(text.getBytes(composed.composedCharset()));
        } else {
            message.getDataHandler().writeTo(body);
        }
        body.flush();
        return true;
    }

    /**
     * A message {@link MimeComposer} built and saved (it has its {@code Message-ID}), whose content
     * is text: not parsed from bytes, not a multipart, not a subclass writing itself otherwise.
     */
    private static boolean isSingleComposedText(MimeMessage message) throws MessagingException {
        Class<?> type = message.getClass();
        return (type == MimeMessage.class || type == ComposedMimeMessage.class) && message.getMessageID() != null && message.isMimeType("text/*");
    }

    /** {@code MimeUtility.encode(out, encoding)} with the given provider, for the encodings a text part can have. */
    private static OutputStream encoder(StreamProvider streams, String encoding, OutputStream out) throws MessagingException {
        if (encoding == null) {
            return out;
        }
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "base64" -> streams.outputBase64(out);
            case "quoted-printable" -> streams.outputQP(out);
            case "uuencode", "x-uuencode", "x-uue" -> streams.outputUU(out, null);
            case "binary", "7bit", "8bit" -> streams.outputBinary(out);
            default -> throw new MessagingException("Unknown encoding: " + encoding);
        };
    }
}
