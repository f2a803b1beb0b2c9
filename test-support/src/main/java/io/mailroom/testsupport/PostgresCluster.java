package io.mailroom.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from Debian's {@code postgresql} package: {@code initdb} in a
 * temporary directory, {@code pg_ctl start} on a free loopback port (and a Unix socket in the same
 * directory), {@link #close()} stops it with {@code -m immediate} and deletes the directory; a
 * shutdown hook does the same if a test forgets. Trust authentication for the one user
 * {@value #USER}, loopback only.
 *
 * <p>{@code initdb} refuses to run as root (CI runs as root), so as root every PostgreSQL command
 * runs as the unprivileged {@code nobody} through {@code runuser}, and the directory is given to
 * that user.
 */
public final class PostgresCluster implements AutoCloseable {
    /** The database user the cluster is created with; no password (trust on loopback). */
    public static final String USER = "mailroom";
    private static final String[] BIN_DIRS = {"/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
            "/usr/lib/postgresql/15/bin"};
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private PostgresCluster(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-cluster-stop");
    }

    /** @return the directory of Debian's PostgreSQL programs, or {@code null} if none is installed */
    public static Path binaries() {
        for (String candidate : BIN_DIRS) {
            if (Files.isExecutable(Paths.get(candidate, "initdb"))) {
                return Paths.get(candidate);
            }
        }
        return null;
    }

    /** @return why the cluster cannot start here, for a skipped test's message; {@code null} if it can */
    public static String unavailableReason() {
        return binaries() == null ? "PostgreSQL is not installed (Debian package postgresql, initdb under /usr/lib/postgresql/<v>/bin);"
                + " .ci/run installs it" : null;
    }

    /**
     * Creates and starts a cluster.
     *
     * @param settings extra server settings as {@code name=value}, passed with {@code -c}
     * @throws IllegalStateException with the command's output if initdb or pg_ctl fail
     */
    public static PostgresCluster start(String... settings) throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException(unavailableReason());
        }
        Path dir = Files.createTempDirectory("mailroom-pg");
        int port = freePort();
        PostgresCluster cluster = new PostgresCluster(bin, dir, port);
        if (isRoot()) {
            UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(dir, nobody);
        }
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        cluster.run(List.of(bin.resolve("initdb").toString(), "-D", cluster.data().toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        List<String> options = new ArrayList<>(List.of("-k", dir.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port)));
        for (String setting : settings) {
            options.add("-c");
            options.add(setting);
        }
        cluster.run(List.of(bin.resolve("pg_ctl").toString(), "-D", cluster.data().toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "30", "-o", String.join(" ", options), "start"));
        return cluster;
    }

    /** @return the JDBC URL of database {@code postgres} on this cluster */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** @return the JDBC URL of the given database on this cluster */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Creates a database, empty, owned by {@link #USER}. */
    public void createDatabase(String name) throws IOException, InterruptedException {
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, name));
    }

    /** @return the server's log so far, for a failing test's message */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    /** Stops the server at once (no checkpoint) and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs or has run
        }
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // already stopped, or never started: the directory goes anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", full) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed with " + process.exitValue() + ":\n"
                    + new String(output) + (Files.exists(dir.resolve("server.log")) ? "\nserver log:\n" + log() : ""));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
