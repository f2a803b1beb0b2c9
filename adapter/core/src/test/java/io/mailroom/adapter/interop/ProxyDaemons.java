package io.mailroom.adapter.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Debian's {@code dante-server} (SOCKS5) and {@code tinyproxy} (HTTP CONNECT) on loopback ports
 * of their own, each with a configuration and log in a temporary directory, requiring a user and
 * password. Dante checks SOCKS5 passwords against the system's user database, so its user
 * ({@link #SOCKS_USER}) is a system account that {@code .ci/run} creates.
 */
public final class ProxyDaemons {
    /** The system account Dante authenticates; {@code .ci/run} creates it with {@link #SOCKS_PASSWORD}. */
    public static final String SOCKS_USER = "mailroom-proxy";
    public static final String SOCKS_PASSWORD = "socks-pa55";
    public static final String HTTP_USER = "relay";
    public static final String HTTP_PASSWORD = "tinyproxy-pa55";

    private ProxyDaemons() {
    }

    /** A running proxy and its port. */
    public record Proxy(Daemon daemon, int port, Path log) implements AutoCloseable {
        @Override
        public void close() {
            daemon.close();
            Daemon.deleteTree(log.getParent());
        }

        public String logText() throws IOException {
            return Files.exists(log) ? Files.readString(log) : "";
        }
    }

    public static Proxy dante() throws IOException {
        Daemon.requireProgram("danted");
        Path dir = directory("mailroom-dante");
        int port = LoopbackPorts.free(1)[0];
        Path log = dir.resolve("danted.log");
        Path conf = Files.writeString(dir.resolve("danted.conf"), String.join("\n",
                "logoutput: " + log,
                "internal: 127.0.0.1 port = " + port,
                "external: 127.0.0.1",
                "socksmethod: username",
                "clientmethod: none",
                "user.privileged: root",
                "user.unprivileged: nobody",
                "client pass {",
                "  from: 127.0.0.0/8 to: 0.0.0.0/0",
                "}",
                "socks pass {",
                "  from: 127.0.0.0/8 to: 127.0.0.0/8",
                "  command: connect",
                "  log: connect error",
                "}",
                ""));
        Daemon daemon = Daemon.start("danted", dir.resolve("danted.out"),
                List.of("danted", "-f", conf.toString(), "-p", dir.resolve("danted.pid").toString()));
        return ready(daemon, port, log);
    }

    public static Proxy tinyproxy() throws IOException {
        Daemon.requireProgram("tinyproxy");
        Path dir = directory("mailroom-tinyproxy");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx")); // it logs as nobody
        int port = LoopbackPorts.free(1)[0];
        Path log = dir.resolve("tinyproxy.log");
        Path conf = Files.writeString(dir.resolve("tinyproxy.conf"), String.join("\n",
                "Port " + port,
                "Listen 127.0.0.1",
                "Timeout 60",
                "LogFile \"" + log + "\"",
                "LogLevel Connect",
                "MaxClients 20",
                "Allow 127.0.0.1",
                "BasicAuth " + HTTP_USER + " " + HTTP_PASSWORD,
                "User nobody",
                "Group nogroup",
                ""));
        Daemon daemon = Daemon.start("tinyproxy", dir.resolve("tinyproxy.out"),
                List.of("tinyproxy", "-d", "-c", conf.toString()));
        return ready(daemon, port, log);
    }

    private static Proxy ready(Daemon daemon, int port, Path log) throws IOException {
        try {
            daemon.awaitReady("listening on 127.0.0.1:" + port, () -> Daemon.listening(port));
        } catch (IOException e) {
            daemon.close();
            throw e;
        }
        return new Proxy(daemon, port, log);
    }

    private static Path directory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
