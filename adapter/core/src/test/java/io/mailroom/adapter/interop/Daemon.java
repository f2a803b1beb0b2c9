package io.mailroom.adapter.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server process the interop tests start in the foreground, with its own configuration in a
 * temporary directory (never the system's service), its output in a log file, and a bounded
 * start and stop: on close it and every process it started are ended, by their ids.
 */
public final class Daemon implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;

    private Daemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * @param name what it is, for messages
     * @param log where its standard output and error go
     * @param command the program and its arguments, for example {@code danted -f conf}
     */
    static Daemon start(String name, Path log, List<String> command) throws IOException {
        requireProgram(command.get(0));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Daemon(name, process, log);
    }

    /** Fails the test setup clearly when a package is missing. */
    static void requireProgram(String program) {
        boolean found = Path.of(program).isAbsolute() ? Files.isExecutable(Path.of(program))
                : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        if (!found) {
            throw new IllegalStateException(program + " is not installed: the interop profile needs Debian's postfix,"
                    + " dovecot-core, dante-server and tinyproxy (see .ci/run)");
        }
    }

    /** Waits until the condition holds, failing with the daemon's log if it exits or the time runs out. */
    void awaitReady(String what, BooleanSupplier ready) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive() && !ready.getAsBoolean()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before " + what + ":\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException(name + " not ready (" + what + ") within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
            }
            sleep(100);
        }
    }

    /** @return whether something accepts TCP connections on the loopback port */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the last lines of the daemon's output */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle child : started) {
            if (child.isAlive()) {
                child.destroy();
            }
        }
    }

    /** Deletes a daemon's temporary directory, once the daemon has stopped. */
    static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temporary files: the OS cleans up what is left.
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
