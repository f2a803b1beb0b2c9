package io.mailroom.adapter.interop;

import io.mailroom.testsupport.TestCertificates;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Debian's Postfix on loopback ports of its own, with SASL through a Dovecot auth server,
 * configured in a temporary directory: the services are
 *
 * <ul>
 * <li>{@link #submissionPort()}: STARTTLS required, then SASL required (syslog name {@code postfix/submission});
 * <li>{@link #smtpsPort()}: implicit TLS, SASL required ({@code postfix/smtps});
 * <li>{@link #plainPort()}: no TLS at all, AUTH offered in plaintext ({@code postfix/plain});
 * <li>{@link #wrongNamePort()}: implicit TLS with a certificate for another host ({@code postfix/wrongname}).
 * </ul>
 *
 * Mail to {@code <user>@mailroom.test} is delivered to a Maildir, where {@link #delivered} reads it.
 * Postfix logs each connection's commands when it ends ("disconnect from ... ehlo=1 auth=1 ..."),
 * which is how a test proves that no AUTH was sent.
 */
public final class PostfixServer implements AutoCloseable {
    public static final String DOMAIN = "mailroom.test";
    private static final int NOBODY = 65534;

    private final Path dir;
    private final int[] ports;
    private final DovecotAuth dovecot;
    private final Daemon postfix;

    private PostfixServer(Path dir, int[] ports, DovecotAuth dovecot, Daemon postfix) {
        this.dir = dir;
        this.ports = ports;
        this.dovecot = dovecot;
        this.postfix = postfix;
    }

    /**
     * @param user the mailbox and SASL user, without domain
     * @param password its password
     * @param introspection where Dovecot checks XOAUTH2 tokens, or {@code null} for no XOAUTH2
     */
    public static PostfixServer start(String user, String password, URI introspection) throws IOException {
        Daemon.requireProgram("postfix");
        Path dir = Files.createTempDirectory("mailroom-postfix");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        DovecotAuth dovecot = DovecotAuth.start(dir.resolve("dovecot"), user + "@" + DOMAIN, password, introspection);
        try {
            int[] ports = LoopbackPorts.free(5);
            configure(dir, ports, user, dovecot.socket());
            Daemon postfix = Daemon.start("postfix", dir.resolve("postfix.out"),
                    List.of("postfix", "-c", dir.resolve("conf").toString(), "start-fg"));
            PostfixServer server = new PostfixServer(dir, ports, dovecot, postfix);
            for (int port : ports) {
                postfix.awaitReady("listening on 127.0.0.1:" + port, () -> Daemon.listening(port));
            }
            return server;
        } catch (IOException | RuntimeException e) {
            dovecot.close();
            throw e;
        }
    }

    private static void configure(Path dir, int[] ports, String user, Path saslSocket) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("queue"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName("postfix"));
        Files.setOwner(mail, users.lookupPrincipalByName("nobody"));
        TestCertificates certificates = TestCertificates.get();
        TestCertificates.Identity localhost = certificates.localhost();
        TestCertificates.Identity wrongHost = certificates.wrongHost();
        Files.writeString(conf.resolve("vmailbox"), user + "@" + DOMAIN + " " + user + "/\n");
        Files.writeString(conf.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + data,
                "command_directory = /usr/sbin",
                "daemon_directory = /usr/lib/postfix/sbin",
                "meta_directory = /etc/postfix",
                "shlib_directory = no",
                "mail_owner = postfix",
                "setgid_group = postdrop",
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = localhost",
                "mydomain = localdomain",
                "mydestination =",
                "mynetworks =",
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir,
                "alias_maps =",
                "alias_database =",
                "local_recipient_maps =",
                "biff = no",
                "smtputf8_enable = no",
                "virtual_mailbox_domains = " + DOMAIN,
                "virtual_mailbox_base = " + mail,
                "virtual_mailbox_maps = texthash:" + conf.resolve("vmailbox"),
                "virtual_uid_maps = static:" + NOBODY,
                "virtual_gid_maps = static:" + NOBODY,
                "smtpd_tls_chain_files = " + localhost.keyPem() + ", " + localhost.certificatePem(),
                "smtpd_tls_security_level = may",
                "smtpd_sasl_type = dovecot",
                "smtpd_sasl_path = " + saslSocket,
                "smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination",
                ""));
        String sasl = " -o smtpd_sasl_auth_enable=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject";
        Files.writeString(conf.resolve("master.cf"), String.join("\n",
                service(ports[0], "submission", "-o smtpd_tls_security_level=encrypt -o smtpd_tls_auth_only=yes" + sasl),
                service(ports[1], "smtps", "-o smtpd_tls_wrappermode=yes" + sasl),
                service(ports[2], "plain", "-o smtpd_tls_security_level=none -o smtpd_sasl_auth_enable=yes"),
                service(ports[3], "wrongname", "-o smtpd_tls_wrappermode=yes -o smtpd_tls_chain_files="
                        + wrongHost.keyPem() + "," + wrongHost.certificatePem() + sasl),
                service(ports[4], "nochunking", "-o smtpd_tls_security_level=none -o smtpd_discard_ehlo_keywords=chunking"),
                "cleanup   unix  n - n - 0 cleanup",
                "qmgr      unix  n - n 300 1 qmgr",
                "tlsmgr    unix  - - n 1000? 1 tlsmgr",
                "rewrite   unix  - - n - - trivial-rewrite",
                "bounce    unix  - - n - 0 bounce",
                "defer     unix  - - n - 0 bounce",
                "trace     unix  - - n - 0 bounce",
                "verify    unix  - - n - 1 verify",
                "flush     unix  n - n 1000? 0 flush",
                "proxymap  unix  - - n - - proxymap",
                "smtp      unix  - - n - - smtp",
                "relay     unix  - - n - - smtp",
                "error     unix  - - n - - error",
                "retry     unix  - - n - - error",
                "discard   unix  - - n - - discard",
                "virtual   unix  - n n - - virtual",
                "anvil     unix  - - n - 1 anvil",
                "scache    unix  - - n - 1 scache",
                "postlog   unix-dgram n - n - 1 postlogd",
                ""));
    }

    private static String service(int port, String name, String options) {
        return "127.0.0.1:" + port + " inet n - n - - smtpd -o syslog_name=postfix/" + name + " " + options;
    }

    public int submissionPort() {
        return ports[0];
    }

    public int smtpsPort() {
        return ports[1];
    }

    public int plainPort() {
        return ports[2];
    }

    public int wrongNamePort() {
        return ports[3];
    }

    /** @return the port without TLS, AUTH or CHUNKING: PIPELINING and DATA */
    public int noChunkingPort() {
        return ports[4];
    }

    /**
     * Waits (at most 30 s) until the Maildir of the user holds a message with the subject.
     *
     * @return the message, as Postfix stored it
     * @throws AssertionError if none arrives
     */
    public MimeMessage delivered(String user, String subject) throws Exception {
        Path inbox = dir.resolve("mail").resolve(user).resolve("new");
        Session session = Session.getInstance(new Properties());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            for (Path file : maildir(inbox)) {
                try (InputStream in = Files.newInputStream(file)) {
                    MimeMessage message = new MimeMessage(session, in);
                    if (subject.equals(message.getSubject())) {
                        return message;
                    }
                }
            }
            Daemon.sleep(100);
        }
        throw new AssertionError("no message '" + subject + "' in " + inbox + "; Postfix log:\n" + String.join("\n",
                Files.exists(dir.resolve("maillog")) ? Files.readAllLines(dir.resolve("maillog")) : List.of()));
    }

    private static List<Path> maildir(Path inbox) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(inbox)) {
            return files.sorted().toList();
        }
    }

    /** @return the log lines of one smtpd service, for example {@code plain} */
    public List<String> log(String service) throws IOException {
        Path maillog = dir.resolve("maillog");
        if (!Files.exists(maillog)) {
            return List.of();
        }
        return Files.readAllLines(maillog).stream().filter(l -> l.contains(" postfix/" + service + "/")).toList();
    }

    /**
     * Waits (at most 30 s) until every connection to the service has ended, which Postfix logs
     * with the commands the client sent ("disconnect from ... ehlo=1 auth=1 quit=1").
     *
     * @return those disconnect lines
     */
    public List<String> sessions(String service) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<String> lines = log(service);
            long connects = lines.stream().filter(l -> l.contains(": connect from ")).count();
            List<String> ends = lines.stream().filter(l -> l.contains(": disconnect from ")).toList();
            if (ends.size() >= connects || Instant.now().isAfter(deadline)) {
                return ends;
            }
            Daemon.sleep(100);
        }
    }

    @Override
    public void close() {
        try {
            Process stop = new ProcessBuilder("postfix", "-c", dir.resolve("conf").toString(), "stop")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("postfix-stop.out").toFile()).start();
            stop.waitFor(Daemon.START_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            // ended below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postfix.close();
        dovecot.close();
        Daemon.deleteTree(dir);
    }
}
