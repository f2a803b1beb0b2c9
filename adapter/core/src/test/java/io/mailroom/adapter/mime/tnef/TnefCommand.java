package io.mailroom.adapter.mime.tnef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code tnef} decoder (package {@code tnef}, installed by {@code .ci/run}), a reader of
 * TNEF nobody here wrote. It verifies every attribute checksum (it stops on a bad one) and
 * extracts the attachments under their long file names. Tests that use it are skipped, with the
 * reason, where it is not installed.
 */
public final class TnefCommand {
    private static final Path BINARY = Path.of("/usr/bin/tnef");

    private TnefCommand() {
    }

    /** Skips the calling test when the command is missing. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "Debian's tnef command is not installed (apt-get install tnef; .ci/run does): the second TNEF reader is skipped");
    }

    /**
     * Runs {@code tnef --save-body --body-pref=ALL} on the stream.
     *
     * @return every file it wrote, by name: the attachments and {@code message.txt}/{@code message.html}
     */
    public static Map<String, byte[]> extract(byte[] winmailDat, Path directory) throws IOException, InterruptedException {
        assumeInstalled();
        Path input = directory.resolve("winmail.dat");
        Path output = Files.createDirectories(directory.resolve("out"));
        Files.write(input, winmailDat);
        Process tnef = new ProcessBuilder(BINARY.toString(), "--save-body=message", "--body-pref=ALL",
                "-C", output.toString(), "-f", input.toString())
                .redirectErrorStream(true).start();
        String log = new String(tnef.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tnef.waitFor(30, TimeUnit.SECONDS)) {
            tnef.destroyForcibly();
        }
        assertEquals(0, tnef.exitValue(), "tnef failed: " + log);
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(output)) {
            for (Path file : list.toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}
