package io.mailroom.adapter.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watcher that takes every {@code *.eml} the moment it appears never reads a partial file. */
class PickupDirectoryTest {
    @TempDir
    Path directory;

    @Test
    void aWatcherNeverSeesHalfAMessage() throws Exception {
        byte[] mime = new byte[4 * 1024 * 1024];
        Arrays.fill(mime, (byte) 'x');
        OutboxMessage message = new OutboxMessage("a@example.com", List.of("b@example.com"), "<m@example.com>", mime);
        int expected = PickupDirectory.envelopeHeaders(message).length + mime.length;
        PickupDirectory pickup = new PickupDirectory(directory);
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<Path> seen = ConcurrentHashMap.newKeySet();
        List<String> partial = new ArrayList<>();
        Thread watcher = new Thread(() -> {
            while (writing.get()) {
                for (Path file : emls()) {
                    if (seen.add(file)) {
                        long size = size(file);
                        if (size != expected) {
                            synchronized (partial) {
                                partial.add(file.getFileName() + " had " + size + " bytes");
                            }
                        }
                    }
                }
            }
        });
        watcher.start();
        for (int i = 0; i < 10; i++) {
            pickup.send(message);
        }
        writing.set(false);
        watcher.join(10_000);

        assertEquals(List.of(), partial);
        assertEquals(10, emls().size());
        try (Stream<Path> all = Files.list(directory)) {
            assertTrue(all.allMatch(f -> f.getFileName().toString().endsWith(".eml")), "a temporary file was left");
        }
    }

    private List<Path> emls() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
