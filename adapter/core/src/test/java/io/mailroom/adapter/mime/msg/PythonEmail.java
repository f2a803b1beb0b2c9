package io.mailroom.adapter.mime.msg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * What Python's {@code email} package (a MIME parser nobody here wrote) reads from a message:
 * runs {@code python_email_summary.py} with {@code python3}. Skipped, with the reason, where
 * {@code python3} is not installed.
 */
public final class PythonEmail {
    private PythonEmail() {
    }

    /**
     * @param rfc5322 the message as it arrived
     * @return the summary: subject, from, to, cc, defects, text, html (LF as a literal \n), and
     *         under "attachment" one "name|type|sha256" line per attachment
     */
    public static Map<String, List<String>> summary(byte[] rfc5322) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "python3 is not installed: the Python email check is skipped");
        Path script = Files.createTempFile("python_email_summary", ".py");
        try (InputStream in = PythonEmail.class.getResourceAsStream("/python_email_summary.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(python.toString(), script.toString()).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(rfc5322);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.delete(script);
        assertEquals(0, process.exitValue(), "python3 failed: " + output);
        Map<String, List<String>> summary = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            summary.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return summary;
    }

    /** @return the single value of the key ("" when Python printed None) */
    public static String one(Map<String, List<String>> summary, String key) {
        return summary.getOrDefault(key, List.of("")).get(0);
    }
}
