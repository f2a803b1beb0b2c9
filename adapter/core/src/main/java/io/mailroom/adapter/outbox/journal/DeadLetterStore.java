package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.MessageBody;


import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The {@code dead/} directory: for each dead letter, {@code <id>.eml} with the message as it
 * would have been sent (operators can inspect or resend it) and {@code <id>.properties} with the
 * envelope and the reason. Both are forced to disk before the journal records the entry as dead,
 * so a crash never loses a message between the two. An operator's requeue or delete removes the
 * properties first, then the message; an {@code .eml} left without properties by a crash in
 * between (or in the middle of {@link #add}) is not a dead letter and is deleted on open.
 * Thread-safe.
 */
final class DeadLetterStore {
    private final Path directory;
    private final JournalFiles files;
    private final List<DeadLetter> letters = new ArrayList<>();
    private final Set<Long> ids = new HashSet<>();

    private DeadLetterStore(Path directory, JournalFiles files) {
        this.directory = directory;
        this.files = files;
    }

    /** Creates the directory if missing and reads the dead letters in it. */
    static DeadLetterStore open(Path directory, JournalFiles files) throws IOException {
        files.createDirectories(directory);
        DeadLetterStore store = new DeadLetterStore(directory, files);
        List<Path> found = files.list(directory).stream()
                .filter(f -> f.getFileName().toString().endsWith(".properties")).toList();
        for (Path file : found) {
            Properties p = new Properties();
            try (InputStream in = Channels.newInputStream(files.open(file, StandardOpenOption.READ))) {
                p.load(in);
                store.remember(fromProperties(p));
            } catch (RuntimeException e) {
                throw new IOException("dead letter " + file + " is unreadable: " + e, e);
            }
        }
        store.letters.sort(Comparator.comparing(DeadLetter::deadAt).thenComparingLong(DeadLetter::id));
        for (Path file : files.list(directory)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".eml") && idOf(name) >= 0 && !store.ids.contains(idOf(name))) {
                files.deleteIfExists(file); // a crash between its two files: not a dead letter
            }
        }
        return store;
    }

    /** Stores a dead letter and its message durably; the message is copied in bounded chunks. */
    void add(DeadLetter letter, MessageBody mime) throws IOException {
        try (InputStream in = mime.open()) {
            writeDurably(directory.resolve(letter.id() + ".eml"), in);
        }
        ByteArrayOutputStream properties = new ByteArrayOutputStream();
        toProperties(letter).store(properties, "Mailroom dead letter; the message is in " + letter.id() + ".eml");
        writeDurably(directory.resolve(letter.id() + ".properties"), new ByteArrayInputStream(properties.toByteArray()));
        files.syncDirectory(directory);
        synchronized (this) {
            remember(letter);
        }
    }

    /** @return the dead letter with that id, if there is one */
    synchronized Optional<DeadLetter> find(long id) {
        return letters.stream().filter(d -> d.id() == id).findFirst();
    }

    /** @return the message of a dead letter, whole */
    byte[] message(long id) throws IOException {
        return read(id, Integer.MAX_VALUE);
    }

    /** @return at most the first {@code maxBytes} bytes of a dead letter's message */
    byte[] read(long id, int maxBytes) throws IOException {
        try (FileChannel channel = files.open(directory.resolve(id + ".eml"), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes, channel.size()));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on until full or at the end
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /**
     * Forgets a dead letter, then deletes its files, the properties first (they make it a dead
     * letter on open), and syncs the directory, so the deletion survives a power cut. An unknown
     * id is ignored. Call once the journal has recorded the requeue or deletion durably: the
     * letter is gone from the list even if deleting its files fails.
     */
    void remove(long id) throws IOException {
        synchronized (this) {
            if (ids.remove(id)) {
                letters.removeIf(d -> d.id() == id);
            }
        }
        files.deleteIfExists(directory.resolve(id + ".properties"));
        files.deleteIfExists(directory.resolve(id + ".eml"));
        files.syncDirectory(directory);
    }

    /** @return at most {@code limit} dead letters, newest first: what an operator looks at */
    synchronized List<DeadLetter> newest(int limit) {
        List<DeadLetter> newest = new ArrayList<>(letters.subList(Math.max(0, letters.size() - Math.max(limit, 0)), letters.size()));
        Collections.reverse(newest);
        return List.copyOf(newest);
    }

    synchronized int count() {
        return letters.size();
    }

    /** @return the ids of all dead letters */
    synchronized Set<Long> ids() {
        return Set.copyOf(ids);
    }

    synchronized long maxId() {
        return ids.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    private void remember(DeadLetter letter) {
        if (ids.add(letter.id())) {
            letters.add(letter);
        }
    }

    private static long idOf(String emlName) {
        try {
            return Long.parseLong(emlName.substring(0, emlName.length() - ".eml".length()));
        } catch (NumberFormatException e) {
            return -1; // not one of ours
        }
    }

    private static Properties toProperties(DeadLetter letter) {
        Properties p = new Properties();
        p.setProperty("id", Long.toString(letter.id()));
        if (letter.messageId() != null) {
            p.setProperty("messageId", letter.messageId());
        }
        if (letter.mailFrom() != null) {
            p.setProperty("mailFrom", letter.mailFrom());
        }
        p.setProperty("recipients", Integer.toString(letter.recipients().size()));
        for (int i = 0; i < letter.recipients().size(); i++) {
            p.setProperty("recipient." + i, letter.recipients().get(i));
        }
        p.setProperty("reason", letter.reason() == null ? "" : letter.reason());
        p.setProperty("deadAt", letter.deadAt().toString());
        return p;
    }

    private static DeadLetter fromProperties(Properties p) {
        int count = Integer.parseInt(p.getProperty("recipients"));
        List<String> recipients = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            recipients.add(p.getProperty("recipient." + i));
        }
        return new DeadLetter(Long.parseLong(p.getProperty("id")), p.getProperty("messageId"), p.getProperty("mailFrom"),
                List.copyOf(recipients), p.getProperty("reason"), Instant.parse(p.getProperty("deadAt")));
    }

    /** Writes to a temporary file, forces it, and renames it into place. */
    private void writeDurably(Path target, InputStream bytes) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = files.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] chunk = new byte[Segment.COPY_BUFFER];
            for (int n = bytes.read(chunk); n >= 0; n = bytes.read(chunk)) {
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        files.replace(temporary, target);
    }
}
