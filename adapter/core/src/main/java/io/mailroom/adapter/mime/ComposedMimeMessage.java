package io.mailroom.adapter.mime;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Date;

/**
 * The message {@link MimeComposer} builds: written by {@link MessageWriter} when it is a single
 * text part, so that Angus's {@code sendMessage} (which calls {@code writeTo(out, ignoreList)} on
 * every message) no longer pays Jakarta Mail's two {@code StreamProvider} look-ups per message:
 * a profile of direct sends found them in 23 % of the CPU samples and 77 % of the allocation.
 * Any other content, and a message with UTF-8 headers, is written by Jakarta Mail as before.
 *
 * <p>Its {@code Message-ID} comes from {@link UniqueMessageId}, and {@link #saveChanges()} of a
 * single text part the composer wrote sets the headers Jakarta Mail would set without parsing the
 * content type again (see {@link #updateHeaders()}). Its headers are kept in {@link IndexedHeaders}:
 * the same lines in the same order as Jakarta Mail's {@code InternetHeaders}, found without a scan.
 */
final class ComposedMimeMessage extends MimeMessage {
    private final boolean utf8Headers;
    private final UniqueMessageId ids;
    /** The text the composer wrote as the whole content, with its charset; {@code null} once the content changes. */
    private String text;
    private Charset charset;

    /**
     * @param utf8Headers {@code true} in the UTF-8 session (a non-ASCII address), whose headers
     *                    are left to Jakarta Mail
     * @param ids the Message-IDs of {@code session}
     * @param indexedHeaders {@code false} to keep Jakarta Mail's own {@code InternetHeaders}: what
     *                       the tests compare {@link IndexedHeaders} with
     */
    ComposedMimeMessage(Session session, boolean utf8Headers, UniqueMessageId ids, boolean indexedHeaders) {
        super(session);
        if (indexedHeaders && IndexedHeaders.SUPPORTED) {
            headers = IndexedHeaders.create();
        }
        this.utf8Headers = utf8Headers;
        this.ids = ids;
    }

    /**
     * The content is {@code text}, set with {@code setText(text, charset, subtype)} and a
     * {@code Content-Transfer-Encoding} header chosen for it: what {@link #updateHeaders()} and
     * {@link MessageWriter} may then take for granted, until the content is set again.
     */
    void setComposedText(String text, Charset charset, String subtype) throws MessagingException {
        setText(text, charset.name(), subtype);
        setHeader("Content-Transfer-Encoding", TransferEncoding.forText(text));
        this.text = text;
        this.charset = charset;
    }

    /** @return the text the composer set as the whole content, or {@code null} if the content is anything else */
    String composedText() {
        return text;
    }

    /** @return the charset of {@link #composedText()} */
    Charset composedCharset() {
        return charset;
    }

    @Override
    public synchronized void setDataHandler(DataHandler dh) throws MessagingException {
        super.setDataHandler(dh);
        text = null; // every change of content comes here (setText, setContent)
    }

    /**
     * For a composed text: what {@code MimeMessage.updateHeaders} does for a part whose content
     * type has its charset and whose transfer encoding is set, in the same order. Jakarta Mail's
     * {@code MimeBodyPart.updateHeaders} parses the content type to learn that it is neither
     * multipart nor a message, and then only sets the {@code Content-Type} header from the data
     * handler when it is missing (it leaves a present {@code Content-Transfer-Encoding} alone;
     * with a {@code Content-Disposition} it would add its file name to the type). Anything else
     * goes to Jakarta Mail.
     */
    @Override
    protected synchronized void updateHeaders() throws MessagingException {
        if (text == null || getHeader("Content-Transfer-Encoding") == null || getHeader("Content-Disposition") != null) {
            super.updateHeaders();
            return;
        }
        if (getHeader("Content-Type") == null) {
            setHeader("Content-Type", getDataHandler().getContentType());
        }
        setHeader("MIME-Version", "1.0");
        if (getHeader("Date") == null) {
            setSentDate(new Date());
        }
        updateMessageID();
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", ids.next());
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        if (!saved) {
            saveChanges(); // as MimeMessage.writeTo does
        }
        if (utf8Headers || !MessageWriter.writeSingleText(this, session, out, ignoreList)) {
            writtenByJakartaMail(out, ignoreList);
        }
    }

    /** @return {@code true} once saved: the headers are final */
    boolean isSaved() {
        return saved;
    }

    /** Jakarta Mail's own {@code writeTo}: the fallback, and what the tests compare with. */
    void writtenByJakartaMail(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        super.writeTo(out, ignoreList);
    }

    /** Jakarta Mail's own {@code updateHeaders}, then saved, for the tests to compare with. */
    void updatedByJakartaMail() throws MessagingException {
        super.updateHeaders();
        saved = true; // as saveChanges() leaves it: writing it then does not run our updateHeaders()
    }
}
