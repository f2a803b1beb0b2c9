package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.Outbox;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Messages and helpers shared by the journal outbox tests. */
final class Mail {
    /** A moment far enough ahead that everything committed so far is due. */
    static final Instant LATER = Instant.now().plusSeconds(3600);

    private Mail() {
    }

    /** @return a distinct small message whose bytes, envelope and Message-ID all carry {@code tag} */
    static OutboxMessage message(String tag) {
        return message(tag, 0);
    }

    /** @return a distinct message padded to at least {@code bodyBytes} bytes of body */
    static OutboxMessage message(String tag, int bodyBytes) {
        String body = "Hello " + tag + "\r\n" + "x".repeat(bodyBytes) + "\r\n";
        String mime = "From: sender@example.com\r\nTo: " + tag + "@example.org\r\nSubject: " + tag
                + "\r\nMessage-ID: <" + tag + "@mailroom.test>\r\n\r\n" + body;
        return new OutboxMessage("bounce+" + tag + "@example.com", List.of(tag + "@example.org", "cc-" + tag + "@example.org"),
                "<" + tag + "@mailroom.test>", mime.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the tag a message was made with, read back from its bytes */
    static String tag(OutboxEntry entry) {
        String mime = new String(entry.message().mime(), StandardCharsets.US_ASCII);
        int start = mime.indexOf("Subject: ") + "Subject: ".length();
        return mime.substring(start, mime.indexOf("\r\n", start));
    }

    /** Takes every entry due at {@link #LATER}, leaving them taken. */
    static List<OutboxEntry> takeAll(Outbox outbox) throws OutboxException {
        List<OutboxEntry> taken = new ArrayList<>();
        for (Optional<OutboxEntry> e = outbox.takeDue(LATER); e.isPresent(); e = outbox.takeDue(LATER)) {
            taken.add(e.get());
        }
        return taken;
    }

    /** @return the tags of every entry due at {@link #LATER}, in the order they were taken */
    static List<String> dueTags(Outbox outbox) throws OutboxException {
        return takeAll(outbox).stream().map(Mail::tag).toList();
    }

    /** Takes and delivers everything due. */
    static void deliverAll(Outbox outbox) throws OutboxException {
        for (OutboxEntry e : takeAll(outbox)) {
            outbox.delivered(e.id());
        }
    }

    /** @return the journal's segment files, oldest first */
    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }

    /** @return the newest segment file */
    static Path lastSegment(Path dir) throws IOException {
        List<Path> all = segments(dir);
        return all.get(all.size() - 1);
    }
}
