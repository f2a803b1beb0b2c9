package io.mailroom.benchmarks.sink;

import io.mailroom.benchmarks.Commands;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's {@code smtp-sink}, started as a child process on 127.0.0.1. It is written in C,
 * single-process and event-driven, and announces PIPELINING. With {@code -c} it writes running
 * counters ({@code sess=… quit=… mesg=…}) to a file after every session and message; the session
 * and message counters are what {@link #settledConnections()} and {@link #settledMessages()} read.
 */
public final class PostfixSmtpSink implements Sink {
    /** Where Debian's postfix package puts it. */
    public static final Path PROGRAM = Path.of("/usr/sbin/smtp-sink");

    private static final int READY_MILLIS = 5_000;
    private static final int TAIL_BYTES = 256;

    private final Process process;
    private final int port;
    private final Path counters;
    private final String version;

    private PostfixSmtpSink(Process process, int port, Path counters, String version) {
        this.process = process;
        this.port = port;
        this.counters = counters;
        this.version = version;
    }

    /** @return {@code true} if {@code smtp-sink} is installed */
    public static boolean installed() {
        return Files.isExecutable(PROGRAM);
    }

    /**
     * Starts {@code smtp-sink} on a free loopback port and waits until it accepts connections.
     *
     * @param workDir where its counter file goes
     */
    public static PostfixSmtpSink start(Path workDir) throws IOException, InterruptedException {
        String version = Commands.outputOr("", Duration.ofSeconds(10), List.of("/usr/sbin/postconf", "-dh", "mail_version"));
        Path counters = workDir.resolve("smtp-sink-counters.txt");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(PROGRAM.toString(), "-c"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "postfix")); // required when started as root
            }
            command.addAll(List.of("-h", "sink", "127.0.0.1:" + port, "256"));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(counters.toFile())
                    .redirectError(workDir.resolve("smtp-sink-errors.txt").toFile())
                    .start();
            try {
                awaitListening(process, port);
                return new PostfixSmtpSink(process, port, counters, version);
            } catch (IOException e) {
                process.destroyForcibly();
                last = e;
            }
        }
        throw last;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String description() {
        return "Postfix smtp-sink " + version + " (C, one process, on 127.0.0.1)";
    }

    @Override
    public long settledConnections() throws InterruptedException {
        return CountSettler.settle(() -> counter("sess="));
    }

    @Override
    public long settledMessages() throws InterruptedException {
        return CountSettler.settle(() -> counter("mesg="));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last value of a counter ({@code sess=}, {@code mesg=}) that smtp-sink wrote; counters are separated by carriage returns. */
    private long counter(String name) {
        try (RandomAccessFile file = new RandomAccessFile(counters.toFile(), "r")) {
            long length = file.length();
            int n = (int) Math.min(TAIL_BYTES, length);
            byte[] tail = new byte[n];
            file.seek(length - n);
            file.readFully(tail);
            String text = new String(tail, StandardCharsets.US_ASCII);
            int end = text.lastIndexOf('\r');
            int at = end < 0 ? -1 : text.lastIndexOf(name, end);
            if (at < 0) {
                return 0;
            }
            int stop = text.indexOf(' ', at);
            return Long.parseLong(text.substring(at + name.length(), stop < 0 || stop > end ? end : stop));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read smtp-sink's counters in " + counters, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static void awaitListening(Process process, int port) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("smtp-sink exited with " + process.exitValue() + " on port " + port);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("smtp-sink did not listen on port " + port + " within " + READY_MILLIS + " ms");
    }
}
