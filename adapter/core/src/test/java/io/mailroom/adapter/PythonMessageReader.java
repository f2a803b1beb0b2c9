package io.mailroom.adapter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads a received message with Python's {@code email} package and Debian's {@code
 * python3-icalendar} (script {@code calendar/read_invitation.py}): parsers nobody here wrote.
 * The test is skipped, saying what to install, where Python or the module is missing.
 */
final class PythonMessageReader {
    private static final String INSTALL = "python3-icalendar is not installed (apt-get install python3-icalendar;"
            + " .ci/run installs it): the calendar is not read back by Python here";

    private final Map<String, List<String>> values;

    private PythonMessageReader(Map<String, List<String>> values) {
        this.values = values;
    }

    static PythonMessageReader read(MimeMessage message) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        Path script = Files.createTempFile("read_invitation", ".py");
        try (InputStream in = PythonMessageReader.class.getResourceAsStream("/calendar/read_invitation.py")) {
            Files.write(script, in.readAllBytes());
            Process process = new ProcessBuilder(python(), script.toString()).redirectErrorStream(true).start();
            process.getOutputStream().write(raw.toByteArray());
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the Python reader did not finish in 30 s");
            }
            assumeTrue(process.exitValue() != 3, INSTALL);
            if (process.exitValue() != 0) {
                throw new AssertionError("Python could not read the message:\n" + output);
            }
            return new PythonMessageReader(parse(output));
        } catch (IOException e) {
            assumeTrue(false, "python3 cannot be started (" + e.getMessage() + "): " + INSTALL);
            throw new UncheckedIOException(e);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Debian's interpreter first: a pyenv or virtualenv python3 does not see Debian's modules. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static Map<String, List<String>> parse(String output) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
            }
        }
        return values;
    }

    /** @return the only value of the key, or {@code null} */
    String one(String key) {
        List<String> all = all(key);
        if (all.size() > 1) {
            throw new AssertionError(key + " has " + all.size() + " values: " + all);
        }
        return all.isEmpty() ? null : all.get(0);
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
