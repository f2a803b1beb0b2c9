package io.mailroom.adapter.mime;

import io.mailroom.api.Attachment;
import jakarta.activation.DataSource;
import java.io.InputStream;
import java.io.OutputStream;

/** Lets Angus read an {@link Attachment} when it writes the message, not before. */
final class AttachmentDataSource implements DataSource {
    private final Attachment attachment;

    AttachmentDataSource(Attachment attachment) {
        this.attachment = attachment;
    }

    @Override
    public InputStream getInputStream() {
        return attachment.open();
    }

    @Override
    public OutputStream getOutputStream() {
        throw new UnsupportedOperationException("attachments are read-only");
    }

    @Override
    public String getContentType() {
        return attachment.contentType();
    }

    @Override
    public String getName() {
        return attachment.fileName();
    }
}
