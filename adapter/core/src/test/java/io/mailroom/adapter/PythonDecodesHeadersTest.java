package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.InvalidEmailException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoded-equals-input check by a parser nobody here wrote: Python's {@code email} package
 * (policy.default) reads hostile display names, subjects, custom header values and file names
 * as Mailroom encoded them (RFC 2047 words, RFC 2231 parameters) and must find exactly the input,
 * with no parser defect. 1,000 generated messages plus the names of the issue, in one Python
 * process. Skipped, saying so, where {@code python3} is not installed.
 */
class PythonDecodesHeadersTest {
    private static final int GENERATED = 1_000;

    @Test
    void pythonsEmailPackageReadsBackExactlyTheInput(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(python3(), "python3 is not installed: the Python decoding check is skipped");
        Map<String, String[]> expected = new LinkedHashMap<>();
        write(dir, expected, "Jürgen Müller", "Grüße, Jürgen", "山田 太郎", "Bericht Müller 山田.pdf");
        write(dir, expected, "山田 太郎", "東京 \u760A\u760D", "x".repeat(2_500), "\u760A.txt");
        Iterator<String> names = HostileText.mostlySendableAddressPart().sampleStream().iterator();
        Iterator<String> texts = HostileText.mostlySendableText().sampleStream().iterator();
        int tried = 0;
        while (expected.size() < GENERATED + 2 && tried++ < GENERATED * 20) {
            write(dir, expected, names.next(), texts.next(), texts.next(), texts.next());
        }
        assertEquals(GENERATED + 2, expected.size(), "enough messages that are not refused");

        List<String> mismatches = new ArrayList<>();
        List<String> lines = runPython(dir);
        assertEquals(expected.size(), lines.size(), "one line per message from Python");
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String[] want = expected.get(f[0]);
            String[] got = {decode(f[1]), decode(f[2]), decode(f[3]), decode(f[4])};
            for (int i = 0; i < 4; i++) {
                if (!want[i].equals(got[i])) {
                    mismatches.add(f[0] + " field " + i + ": sent " + HostileText.visible(want[i]) + ", Python read "
                            + HostileText.visible(got[i]));
                }
            }
            if (!f[5].equals("0")) {
                mismatches.add(f[0] + ": " + f[5] + " parser defects");
            }
        }
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches, the first: "
                + String.join("\n", mismatches.subList(0, Math.min(5, mismatches.size()))));
    }

    /** Composes one message and remembers what Python must read; refused inputs are skipped. */
    private static void write(Path dir, Map<String, String[]> expected, String name, String subject, String value,
                              String fileName) throws IOException {
        byte[] bytes;
        try {
            bytes = HeaderEncodingProperties.compose(name, subject, value, fileName);
        } catch (InvalidEmailException refused) {
            return;
        }
        String file = String.format("m%05d.eml", expected.size());
        Files.write(dir.resolve(file), bytes);
        expected.put(file, new String[] {name, subject, value, fileName.strip()});
    }

    private static List<String> runPython(Path dir) throws Exception {
        Path script = dir.resolve("decode_headers.py");
        try (InputStream in = PythonDecodesHeadersTest.class.getResourceAsStream("/python/decode_headers.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 finished");
        assertEquals(0, p.exitValue(), "python3 exit code");
        return out.lines().toList();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static boolean python3() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
