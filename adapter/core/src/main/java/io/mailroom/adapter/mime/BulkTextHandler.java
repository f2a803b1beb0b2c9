package io.mailroom.adapter.mime;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.handlers.text_plain;

/**
 * Angus Mail's text handler with one change: a String is encoded once and written in one call.
 * Angus' own writeTo goes through an OutputStreamWriter over a wrapper that passes every byte to
 * {@code write(int)} — measured at about half of a sending thread's time for a 1 KB message.
 * Used for text/plain and text/html alike: reading and writing text does not depend on the
 * subtype (Angus' text_html differs only in the data flavour it advertises).
 */
final class BulkTextHandler extends text_plain {

    @Override
    public void writeTo(Object content, String type, OutputStream out) throws IOException {
        if (!(content instanceof String text)) {
            super.writeTo(content, type, out);
            return;
        }
        out.write(text.getBytes(javaCharset(type)));
        out.flush();
    }

    private static String javaCharset(String type) throws IOException {
        try {
            String charset = new ContentType(type).getParameter("charset");
            return MimeUtility.javaCharset(charset == null ? "us-ascii" : charset);
        } catch (ParseException e) {
            throw new IOException("content type " + type + ": " + e.getMessage(), e);
        }
    }
}
