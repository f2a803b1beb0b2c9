package io.mailroom.adapter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs verifiers nobody here wrote on messages captured at the SMTP server: OpenSSL for S/MIME,
 * dkimpy (Debian's python3-dkim, with python3-nacl for Ed25519) for DKIM. A test that needs a
 * tool that is not installed is skipped with a message saying what to install ({@code .ci/run}
 * installs them).
 */
final class ExternalTools {
    private static final long SECONDS = 60;
    private static final String PYTHON = "/usr/bin/python3";

    /** What a command printed and how it ended. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private ExternalTools() {
    }

    static void assumeOpenssl() {
        assumeTrue(works("openssl", "version"), "openssl is not installed (Debian package openssl): S/MIME check skipped");
    }

    static void assumeDkimpy() {
        assumeTrue(works(PYTHON, "-c", "import dkim, nacl"),
                "dkimpy is not installed (Debian packages python3-dkim python3-nacl): DKIM check skipped");
    }

    /** {@code openssl smime -verify} against the test CA; prints the signed content. */
    static Result opensslVerify(byte[] message, Path caPem) throws IOException {
        return run(message, "openssl", "smime", "-verify", "-CAfile", caPem.toString());
    }

    /** {@code openssl cms -decrypt} with one recipient's certificate and key; prints the content. */
    static Result opensslDecrypt(byte[] message, SigningKeys.Person recipient) throws IOException {
        return run(message, "openssl", "cms", "-decrypt", "-recip", recipient.certificatePem().toString(),
                "-inkey", recipient.keyPem().toString());
    }

    /** dkimpy on every DKIM-Signature of the message, with the test keys' TXT records as DNS. */
    static Result dkimVerify(byte[] message) throws IOException {
        Path script = Files.createTempFile("dkim-verify", ".py");
        try {
            try (var in = ExternalTools.class.getResourceAsStream("/dkim-verify.py")) {
                Files.write(script, in.readAllBytes());
            }
            return run(message, PYTHON, script.toString(), SigningKeys.get().dnsRecords.toString());
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static boolean works(String... command) {
        try {
            return run(new byte[0], command).ok();
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(byte[] stdin, String... command) throws IOException {
        Path in = Files.createTempFile("mailroom-tool", ".eml");
        Path out = Files.createTempFile("mailroom-tool", ".out");
        Path err = Files.createTempFile("mailroom-tool", ".err");
        try {
            Files.write(in, stdin);
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectInput(in.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " took longer than " + SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
