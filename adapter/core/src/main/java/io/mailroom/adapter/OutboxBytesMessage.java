package io.mailroom.adapter;

import io.mailroom.adapter.mime.StoredMessage;
import io.mailroom.adapter.outbox.MessageBody;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message from the outbox whose bytes in memory go to the transport exactly as stored, without
 * parsing its header block: what {@link StoredMessage} would write for them, at the cost of one
 * scan of the header block instead of a parse into Jakarta Mail's header list and a re-write of
 * every line (a profile of the durable path found that parse and re-write in an eighth of all
 * CPU samples, the delivery workers' and the committing threads' together).
 *
 * <p>{@link StoredMessage#writeTo} writes the header lines but those the transport leaves out
 * (Angus leaves out {@code Bcc} and {@code Content-Length}), each ended by CRLF, an empty line,
 * then the content as stored. For a header block that has none of those headers, ends every
 * line with CRLF, has no bare CR, no byte above 127 (Jakarta Mail might decode and re-encode it)
 * and no leading white space, that is the stored bytes themselves: {@link #of} returns this
 * message only then, else {@code null} and the caller parses. The transport reads nothing else
 * of the message but its Message-ID, which the outbox keeps beside the bytes. Hand-written: no
 * library sends stored bytes through Angus's transport without parsing them.
 */
final class OutboxBytesMessage extends SMTPMessage {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /**
     * The header list every such message answers with: none of the transport's look-ups needs a
     * header, and a list of its own per message (Jakarta Mail's ~30 placeholder headers) cost a
     * fortieth of the durable path's CPU samples. Nothing may change it.
     */
    private static final InternetHeaders NO_HEADERS = new InternetHeaders() {
        @Override
        public void setHeader(String name, String value) {
            throw unchangeable();
        }

        @Override
        public void addHeader(String name, String value) {
            throw unchangeable();
        }

        @Override
        public void removeHeader(String name) {
            throw unchangeable();
        }

        @Override
        public void addHeaderLine(String line) {
            throw unchangeable();
        }

        private UnsupportedOperationException unchangeable() {
            return new UnsupportedOperationException("a message sent from the outbox's bytes is not changed");
        }
    };

    private final MessageBody.InMemory body;
    private final String messageId;

    private OutboxBytesMessage(Session session, MessageBody.InMemory body, String messageId) throws MessagingException {
        super(session, InputStream.nullInputStream()); // parse() below reads nothing
        this.body = body;
        this.messageId = messageId;
    }

    /** Reads nothing: the bytes are sent as stored, so their header block is not parsed (see the class comment). */
    @Override
    protected void parse(InputStream in) {
        headers = NO_HEADERS;
        modified = false;
    }

    /**
     * @return the message sending {@code body} as it is, or {@code null} if its header block needs
     *         Jakarta Mail's parse to come out as {@link StoredMessage} writes it (see the class comment)
     */
    static OutboxBytesMessage of(Session session, MessageBody.InMemory body, String messageId) {
        if (messageId == null || StoredMessage.ignoresWhitespaceLines() || !plainHeaderBlock(body.array(), body.offset(), (int) body.size())) {
            return null;
        }
        try {
            return new OutboxBytesMessage(session, body, messageId);
        } catch (MessagingException e) {
            return null; // not thrown: parse() reads nothing; the caller parses as before
        }
    }

    @Override
    public String getMessageID() {
        return messageId;
    }

    /** Writes the stored bytes; with other headers to leave out than the transport's, as {@link StoredMessage} would. */
    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (!leavesOutOnlyTransportHeaders(ignoreList)) {
            new StoredMessage(session, new SharedByteArrayInputStream(body.array(), body.offset(), (int) body.size()))
                    .writeTo(out, ignoreList);
            return;
        }
        out.write(body.array(), body.offset(), (int) body.size());
        out.flush();
    }

    private static boolean leavesOutOnlyTransportHeaders(String[] ignoreList) {
        if (ignoreList == null) {
            return true;
        }
        for (String name : ignoreList) {
            if (!"Bcc".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the header block in {@code b[from, from + length)} comes out of a parse and re-write
     * unchanged: see the class comment.
     */
    static boolean plainHeaderBlock(byte[] b, int from, int length) {
        int end = from + length;
        int line = from;
        int colon = -1; // of the current line, if it has one
        if (line >= end || b[line] == ' ' || b[line] == '\t' || b[line] == CR) {
            return false; // empty, a header block starting with a continuation, or no headers at all
        }
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c == ':') {
                if (colon < 0) {
                    colon = i;
                }
                continue;
            }
            if (c < 0 || c == LF) {
                return false; // a byte above 127, or a bare LF
            }
            if (c != CR) {
                continue;
            }
            if (i + 1 >= end || b[i + 1] != LF) {
                return false; // a bare CR
            }
            if (b[line] != ' ' && b[line] != '\t' && leftOut(b, line, colon < 0 ? i : colon)) {
                return false;
            }
            i++; // the LF
            line = i + 1;
            colon = -1;
            if (line + 1 < end && b[line] == CR && b[line + 1] == LF) {
                return true; // the empty line that ends the block
            }
        }
        return false; // no empty line: the message is a header block alone
    }

    /**
     * @return whether a header line named by {@code b[start, nameEnd)} (up to its colon, or the
     *         whole line without one) names Bcc or Content-Length, which the transport leaves out
     */
    private static boolean leftOut(byte[] b, int start, int nameEnd) {
        int end = nameEnd;
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return named(b, start, end, "bcc") || named(b, start, end, "content-length");
    }

    private static boolean named(byte[] b, int start, int end, String lowerCaseName) {
        if (end - start != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < lowerCaseName.length(); i++) {
            if (Character.toLowerCase((char) b[start + i]) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
