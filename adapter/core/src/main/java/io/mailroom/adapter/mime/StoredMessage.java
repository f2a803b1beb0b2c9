package io.mailroom.adapter.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.LineInputStream;
import jakarta.mail.util.LineOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message read back from the outbox's bytes for the transport, its content shared, not copied.
 * It reads the header block with the session's stream provider: Jakarta Mail 2.1's
 * {@code InternetHeaders.load} looks the provider up through {@code ServiceLoader} for every
 * message (jakartaee/mail-api#861), which a profile of the delivery workers found in about a
 * third of their CPU samples.
 *
 * <p>Hand-written, as no library offers it: {@link #createInternetHeaders} does what
 * {@code InternetHeaders.load} does (a line starting with white space continues the header
 * before it; the first empty line ends the block), into a header list without the placeholders
 * of {@code new InternetHeaders()}, as {@code new InternetHeaders(InputStream)} makes it.
 * {@code StoredMessageTest} checks the result against Jakarta Mail's own parse.
 */
public final class StoredMessage extends SMTPMessage {
    private static final boolean IGNORE_WHITESPACE_LINES = Boolean.getBoolean("mail.mime.ignorewhitespacelines");

    /**
     * @return whether a header block also ends at a line of white space alone (Jakarta Mail's
     *         {@code mail.mime.ignorewhitespacelines}, read once)
     */
    public static boolean ignoresWhitespaceLines() {
        return IGNORE_WHITESPACE_LINES;
    }

    /**
     * @param bytes the message, a {@code SharedInputStream} (a {@code SharedByteArrayInputStream}
     *              for bytes in memory, a {@link SharedBodyStream} for a stored body), so that
     *              only the headers are read now and the content is streamed when sent
     */
    public StoredMessage(Session session, SharedInputStream bytes) throws MessagingException {
        super(session, (InputStream) bytes);
    }

    /**
     * What {@code MimeMessage.writeTo} writes for a message read from bytes (the header lines but
     * those ignored, an empty line, the content as stored), the content copied by its own stream
     * ({@link SharedBodyStream#transferTo}, or the byte array's) rather than through a new 8 KB
     * buffer per message. A changed message is left to Jakarta Mail.
     */
    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (!saved || modified || content != null) {
            super.writeTo(out, ignoreList);
            return;
        }
        LineOutputStream lines = session.getStreamProvider().outputLineStream(out, allowUtf8());
        for (Enumeration<String> header = getNonMatchingHeaderLines(ignoreList); header.hasMoreElements(); ) {
            lines.writeln(header.nextElement());
        }
        lines.writeln();
        try (InputStream in = getContentStream()) {
            in.transferTo(out);
        }
        out.flush();
    }

    @Override
    protected InternetHeaders createInternetHeaders(InputStream in) throws MessagingException {
        InternetHeaders headers = new ParsedHeaders();
        LineInputStream lines = session.getStreamProvider().inputLineStream(in, allowUtf8());
        String line;
        String previous = null;
        StringBuilder folded = new StringBuilder();
        try {
            boolean first = true;
            do {
                line = lines.readLine();
                if (line != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                    if (previous != null) {
                        folded.append(previous);
                        previous = null;
                    }
                    if (first) {
                        String trimmed = line.trim();
                        if (!trimmed.isEmpty()) {
                            folded.append(trimmed);
                        }
                    } else {
                        if (folded.length() > 0) {
                            folded.append("\r\n");
                        }
                        folded.append(line);
                    }
                } else {
                    if (previous != null) {
                        headers.addHeaderLine(previous);
                    } else if (folded.length() > 0) {
                        headers.addHeaderLine(folded.toString());
                        folded.setLength(0);
                    }
                    previous = line;
                }
                first = false;
            } while (line != null && !isEmpty(line));
        } catch (IOException e) {
            throw new MessagingException("Error in input stream", e);
        }
        return headers;
    }

    private boolean allowUtf8() {
        Object value = session.getProperties().get("mail.mime.allowutf8");
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    private static boolean isEmpty(String line) {
        return line.isEmpty() || (IGNORE_WHITESPACE_LINES && line.trim().isEmpty());
    }

    /** Headers as {@code new InternetHeaders(InputStream)} keeps them: in order, no placeholders. */
    private static final class ParsedHeaders extends InternetHeaders {
        ParsedHeaders() {
            headers.clear();
        }
    }
}
