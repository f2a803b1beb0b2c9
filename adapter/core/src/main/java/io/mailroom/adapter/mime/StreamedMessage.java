package io.mailroom.adapter.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A pre-composed message sent straight from its stream: the headers are parsed (for the
 * Message-ID), the body is copied to the SMTP connection as it is read and is never held in
 * memory, so a 200 MB message costs a buffer, not 200 MB of heap. It can be written once.
 *
 * <p>Hand-written because Angus Mail's {@code MimeMessage(Session, InputStream)} reads the whole
 * body into memory unless the stream is a {@code SharedInputStream}.
 */
public final class StreamedMessage extends SMTPMessage {
    private static final byte[] CRLF = {'\r', '\n'};

    private final InputStream body;
    private volatile boolean started;

    StreamedMessage(Session session, InputStream rfc5322) throws MessagingException {
        super(session);
        this.headers = new InternetHeaders(rfc5322);
        this.body = rfc5322;
    }

    /** @return {@code true} once writing began: the stream cannot be sent again */
    public boolean started() {
        return started;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (started) {
            throw new IOException(MimeMessages.streamedTwice());
        }
        started = true;
        Enumeration<String> lines = getNonMatchingHeaderLines(ignoreList);
        while (lines.hasMoreElements()) {
            // InternetHeaders read each byte as one char (ISO-8859-1): written back the same way,
            // 8-bit header bytes leave exactly as they came.
            out.write(lines.nextElement().getBytes(StandardCharsets.ISO_8859_1));
            out.write(CRLF);
        }
        out.write(CRLF);
        body.transferTo(out);
        out.flush();
    }

    /** Unknown without reading the body, so no SIZE is announced. */
    @Override
    public int getSize() {
        return -1;
    }

    /** Sent as it is: nothing is rewritten. */
    @Override
    protected void updateHeaders() {
    }
}
