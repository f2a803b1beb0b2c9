package io.mailroom.adapter.method;

import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.smtp.RecipientReplies;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.api.MailConnectionException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * Writes each message as one {@code .eml} file into a directory an MTA watches (IIS's and
 * Exchange's pickup directories, or a script's). A watcher never sees half a file: the bytes go to
 * a temporary file in the same directory ({@code .<name>.tmp}, so watchers that take only
 * {@code *.eml} skip it), are forced to disk, and the file is renamed to its final name in one
 * atomic step; then the directory itself is forced, so the rename survives a power cut.
 *
 * <p>The file starts with one {@code X-Sender} and one {@code X-Receiver} header per envelope
 * recipient (Bcc included): the envelope as IIS's pickup service reads it, since an {@code .eml}
 * file has no other place for it. Then the message follows, byte for byte as composed and signed.
 *
 * <p>Thread-safe: every message gets its own file name (time and a random UUID).
 */
public final class PickupDirectory implements DeliveryConnection {
    private final Path directory;

    /**
     * @param directory a writable directory; created (with its parents) if missing
     * @throws IllegalArgumentException naming {@code pickupDirectory} if it cannot be created or written to
     */
    public PickupDirectory(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new IllegalArgumentException(MethodMessages.pickupNotWritable(this.directory, e.toString()), e);
        }
        if (!Files.isWritable(this.directory)) {
            throw new IllegalArgumentException(MethodMessages.pickupNotWritable(this.directory, "no write permission"));
        }
    }

    /** @return the directory files are written to */
    public Path directory() {
        return directory;
    }

    /**
     * Writes the message; when this returns, the file is complete and durable.
     *
     * @throws MailConnectionException if the file could not be written: a delivery worker retries it
     */
    @Override
    public RecipientReplies send(OutboxMessage message) {
        String name = System.currentTimeMillis() + "-" + UUID.randomUUID() + ".eml";
        Path temporary = directory.resolve("." + name + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(out, ByteBuffer.wrap(envelopeHeaders(message)));
                try (InputStream body = message.body().open()) {
                    body.transferTo(Channels.newOutputStream(out)); // streamed: a large message costs a buffer
                }
                out.force(true);
            }
            moveAtomically(temporary, directory.resolve(name));
            forceDirectory();
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new MailConnectionException(directory.toString(), 0,
                    MethodMessages.notWritten(directory, message.messageId(), e.toString()), e);
        }
        return new RecipientReplies(message.messageId(), MethodMessages.written(name), message.recipients(), List.of());
    }

    static byte[] envelopeHeaders(OutboxMessage message) {
        StringBuilder headers = new StringBuilder();
        if (message.mailFrom() != null) {
            headers.append("X-Sender: ").append(message.mailFrom()).append("\r\n");
        }
        for (String recipient : message.recipients()) {
            headers.append("X-Receiver: ").append(recipient).append("\r\n");
        }
        return headers.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so every local file system renames atomically; this only guards odd network mounts.
            throw new IOException("the file system cannot rename atomically", e);
        }
    }

    /** Makes the rename durable on Linux; Windows cannot open a directory for writing and needs no such step. */
    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // NTFS journals the rename itself.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The temporary name is never picked up; a later sweep by the operator is harmless.
        }
    }

    /** Nothing to close: every send opens and closes its own file. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "PickupDirectory[" + directory + "]";
    }
}
