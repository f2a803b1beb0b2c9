package io.mailroom.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short external command with a time limit and returns what it printed. */
public final class Commands {
    private Commands() {
    }

    /**
     * @param limit how long the command may run before it is killed
     * @param command the program and its arguments
     * @return its standard output and error, merged and stripped
     * @throws IOException if it cannot start, times out or exits with a non-zero status
     */
    public static String output(Duration limit, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> readAll(process));
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + limit);
        }
        String out = reader.join().strip();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + out);
        }
        return out;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the output, or {@code fallback} if the command failed in any way */
    public static String outputOr(String fallback, Duration limit, List<String> command) {
        try {
            return output(limit, command);
        } catch (IOException | RuntimeException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }
}
