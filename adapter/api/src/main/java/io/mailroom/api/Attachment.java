package io.mailroom.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file attached to an {@link Email}, or an inline part referenced from the HTML body by its
 * Content-ID ({@code <img src="cid:logo">}).
 *
 * <p>Content from bytes or a stream is copied when the attachment is created, so the caller may
 * reuse its buffer or close its stream. Content from a file is checked when the attachment is
 * created (a missing or unreadable file fails here, naming the file) and read when the message is
 * written, so large files are not held in memory.
 */
public final class Attachment {
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private final String fileName;
    private final String contentType;
    private final String contentId;
    private final byte[] bytes;
    private final Path file;

    private Attachment(String fileName, String contentType, String contentId, byte[] bytes, Path file) {
        this.fileName = HeaderValues.requireText("attachment file name", fileName);
        this.contentType = HeaderValues.requireText("attachment:" + fileName + " content type",
                contentType == null ? DEFAULT_TYPE : contentType);
        this.contentId = contentId == null ? null
                : HeaderValues.requireText("attachment:" + fileName + " content id", contentId);
        this.bytes = bytes;
        this.file = file;
    }

    /**
     * An attachment whose content is the given bytes (copied).
     *
     * @param fileName the file name the recipient sees
     * @param contentType a MIME type such as {@code application/pdf}; {@code null} means
     *                    {@code application/octet-stream}
     * @param content the content
     * @return the attachment
     */
    public static Attachment fromBytes(String fileName, String contentType, byte[] content) {
        Objects.requireNonNull(content, "content");
        return new Attachment(fileName, contentType, null, content.clone(), null);
    }

    /**
     * An attachment whose content is read from the stream now, to its end. The stream is not closed.
     *
     * @param fileName the file name the recipient sees
     * @param contentType a MIME type; {@code null} means {@code application/octet-stream}
     * @param content the stream to read
     * @return the attachment
     * @throws InvalidEmailException if the stream cannot be read
     */
    public static Attachment fromStream(String fileName, String contentType, InputStream content) {
        Objects.requireNonNull(content, "content");
        try {
            return new Attachment(fileName, contentType, null, content.readAllBytes(), null);
        } catch (IOException e) {
            throw new InvalidEmailException("attachment:" + fileName,
                    ApiMessages.attachmentUnreadable(fileName, e.getMessage()), e);
        }
    }

    /**
     * An attachment whose content is the file, read when the message is written. The file name the
     * recipient sees is the file's own name.
     *
     * @param file a readable regular file
     * @param contentType a MIME type; {@code null} means {@code application/octet-stream}
     * @return the attachment
     * @throws InvalidEmailException if the file does not exist or cannot be read
     */
    public static Attachment fromFile(Path file, String contentType) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        requireReadable(name, file);
        return new Attachment(name, contentType, null, null, file);
    }

    /**
     * The same content as an inline part, referenced from HTML as {@code cid:<contentId>}.
     *
     * @param contentId the Content-ID without angle brackets, for example {@code logo}
     * @return a new inline attachment
     */
    public Attachment inline(String contentId) {
        Objects.requireNonNull(contentId, "contentId");
        return new Attachment(fileName, contentType, contentId, bytes, file);
    }

    /** @return the file name the recipient sees */
    public String fileName() {
        return fileName;
    }

    /** @return the MIME content type */
    public String contentType() {
        return contentType;
    }

    /** @return the Content-ID of an inline part, or {@code null} for an ordinary attachment */
    public String contentId() {
        return contentId;
    }

    /** @return {@code true} if this part is referenced from the HTML body by Content-ID */
    public boolean isInline() {
        return contentId != null;
    }

    /**
     * Opens the content. For a file attachment the file is checked again, so a file deleted since
     * the attachment was created is reported with its name.
     *
     * @return a new stream over the content; the caller closes it
     * @throws InvalidEmailException if the file is gone or unreadable
     */
    public InputStream open() {
        if (file == null) {
            return new ByteArrayInputStream(bytes);
        }
        requireReadable(fileName, file);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireReadable(String name, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidEmailException("attachment:" + name,
                    ApiMessages.attachmentFileMissing(file.toAbsolutePath().toString()));
        }
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + contentType + (contentId == null ? "" : ", cid:" + contentId) + "]";
    }
}
