package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every user-facing message id is defined once, in the one {@code *Messages} class of its package:
 * scans the main sources of the API, the adapter, the CDI extension and the admin module.
 */
class MessageIdsTest {
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../api/src/main/java"),
            Path.of("../../cdi-extension/src/main/java"), Path.of("../../admin/src/main/java"));
    private static final Pattern ID_LITERAL = Pattern.compile("\"MAILROOM-(\\d{4})");

    @Test
    void eachIdIsDefinedOnce() {
        Map<String, List<String>> definitions = new TreeMap<>();
        for (Path file : javaFiles()) {
            Matcher m = ID_LITERAL.matcher(read(file));
            while (m.find()) {
                definitions.computeIfAbsent(m.group(1), id -> new ArrayList<>()).add(file.toString());
            }
        }
        assertTrue(definitions.size() > 50, "found only " + definitions.size() + " ids: is the scan looking in the right place?");
        definitions.forEach((id, where) -> assertEquals(1, where.size(), "MAILROOM-" + id + " is defined in " + where));
    }

    @Test
    void idsAppearOnlyInMessageClasses() {
        for (Path file : javaFiles()) {
            if (!file.getFileName().toString().endsWith("Messages.java")) {
                assertTrue(!ID_LITERAL.matcher(read(file)).find(),
                        file + " spells out a message id; define it in its package's *Messages class");
            }
        }
    }

    @Test
    void eachPackageHasAtMostOneMessageClass() {
        Map<Path, List<Path>> byPackage = new TreeMap<>();
        for (Path file : javaFiles()) {
            if (file.getFileName().toString().endsWith("Messages.java")) {
                byPackage.computeIfAbsent(file.getParent(), p -> new ArrayList<>()).add(file.getFileName());
            }
        }
        byPackage.forEach((pkg, classes) -> assertEquals(1, classes.size(), pkg + " has " + classes));
    }

    private static List<Path> javaFiles() {
        List<Path> files = new ArrayList<>();
        for (Path root : SOURCES) {
            assertTrue(Files.isDirectory(root), root.toAbsolutePath() + " is missing");
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
