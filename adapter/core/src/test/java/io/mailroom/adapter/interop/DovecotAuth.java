package io.mailroom.adapter.interop;

import java.io.IOException;
import java.net.URI;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Dovecot as a SASL authentication server only (no IMAP, no POP3), for Postfix, with one user:
 * PLAIN and LOGIN against a password file, and XOAUTH2 against a token endpoint's introspection
 * (RFC 7662), if one is given.
 */
final class DovecotAuth implements AutoCloseable {
    private final Daemon daemon;
    private final Path socket;

    private DovecotAuth(Daemon daemon, Path socket) {
        this.daemon = daemon;
        this.socket = socket;
    }

    static DovecotAuth start(Path dir, String user, String password, URI introspection) throws IOException {
        Daemon.requireProgram("dovecot");
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path users = Files.writeString(dir.resolve("users"), user + ":{PLAIN}" + password + "\n");
        Path socket = dir.resolve("auth-client");
        Path oauth2 = Files.writeString(dir.resolve("oauth2.conf.ext"), introspection == null ? "" : String.join("\n",
                "introspection_mode = post",
                "introspection_url = " + introspection,
                "username_attribute = username",
                "active_attribute = active",
                "active_value = true",
                ""));
        Files.setPosixFilePermissions(oauth2, PosixFilePermissions.fromString("rw-r--r--"));
        Path conf = Files.writeString(dir.resolve("dovecot.conf"), String.join("\n",
                "base_dir = " + dir.resolve("run"),
                "state_dir = " + dir.resolve("state"),
                "instance_name = mailroom-interop-" + dir.getParent().getFileName(),
                "protocols =",
                "ssl = no",
                "log_path = " + dir.resolve("dovecot.log"),
                "auth_mechanisms = plain login" + (introspection == null ? "" : " xoauth2"),
                "disable_plaintext_auth = no",
                "passdb {",
                "  driver = passwd-file",
                "  args = scheme=PLAIN " + users,
                "}",
                introspection == null ? "" : "passdb {\n  driver = oauth2\n  mechanisms = xoauth2\n  args = " + oauth2 + "\n}",
                "userdb {",
                "  driver = static",
                "  args = uid=65534 gid=65534 home=/nonexistent",
                "}",
                "service auth {",
                "  unix_listener " + socket + " {",
                "    mode = 0666",
                "  }",
                "}",
                ""));
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
        Daemon daemon = Daemon.start("dovecot", dir.resolve("dovecot.out"), List.of("dovecot", "-F", "-c", conf.toString()));
        try {
            daemon.awaitReady("auth socket " + socket, () -> accepts(socket));
        } catch (IOException e) {
            daemon.close();
            throw e;
        }
        return new DovecotAuth(daemon, socket);
    }

    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the Unix socket Postfix asks */
    Path socket() {
        return socket;
    }

    @Override
    public void close() {
        daemon.close();
    }
}
