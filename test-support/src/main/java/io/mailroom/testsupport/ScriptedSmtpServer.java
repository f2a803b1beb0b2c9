package io.mailroom.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on loopback whose replies a test scripts, for the failures a real server
 * gives and GreenMail cannot: a {@code 451} to the first message then {@code 250}, a {@code 550}
 * with a given text, one recipient refused and another accepted, {@code 421} and a closed
 * connection, a connection lost in the middle of DATA, idle connections closed by the server.
 * GreenMail accepts every well-formed command and has no hook to answer otherwise, hence this
 * hand-written server of plain sockets (JDK only, so it can ride along into an in-server test
 * archive).
 *
 * <pre>{@code
 * try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start()) {
 *     smtp.on(Step.MESSAGE).reply(451, "4.3.0 try again later").times(1);
 *     smtp.on(Step.RCPT).matching("nobody@").reply(550, "5.1.1 no such user");
 *     // ... send through 127.0.0.1:smtp.port(), then look at smtp.messages(), smtp.commands()
 * }
 * }</pre>
 *
 * <p>Without a rule, every step gets a plain successful reply, and each message accepted with
 * {@code 250} is recorded. Rules are checked in the order they were added; the first that matches
 * and is not used up decides. Rules may be added while clients are connected.
 *
 * <p>TLS and authentication, for the client's security settings: {@link #startImplicitTls}
 * speaks TLS from the first byte, {@link #offerStartTls} offers STARTTLS, {@link
 * #acceptLogins} offers {@code AUTH PLAIN LOGIN XOAUTH2} and records every {@link Login}.
 *
 * <p>Bounded: it listens on 127.0.0.1 only, every connection has a read timeout (the idle
 * timeout, after which it replies {@code 421} and closes, as real servers do), all threads are
 * daemons, and {@link #close()} closes every socket.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** The points of a conversation a rule can answer. */
    public enum Step {
        /** The greeting sent when a client connects. */
        GREETING,
        /** {@code EHLO}. */
        EHLO,
        /** {@code HELO}. */
        HELO,
        /** {@code MAIL FROM}. */
        MAIL,
        /** {@code RCPT TO}; {@link ScriptRule#matching(String)} selects recipients. */
        RCPT,
        /** The {@code DATA} command itself, answered {@code 354} by default. */
        DATA,
        /**
         * The message content after the {@code 354}: a reply rule answers the final dot (or, with {@link #offerChunking()}, the {@code BDAT ... LAST} chunk); a
         * {@link ScriptRule#drop()} rule closes the connection after the first line of content, that is,
         * in the middle of DATA.
         */
        MESSAGE,
        /** {@code RSET}. */
        RSET,
        /** {@code NOOP}. */
        NOOP,
        /** {@code QUIT}. */
        QUIT
    }

    /**
     * A message the server accepted.
     *
     * @param mailFrom the {@code MAIL FROM} address, without angle brackets
     * @param recipients the accepted {@code RCPT TO} addresses, without angle brackets
     * @param data the content between {@code DATA} and the final dot, dot-unstuffed, line ends as sent
     * @param overTls whether the connection was encrypted (implicit TLS or after STARTTLS)
     */
    public record Message(String mailFrom, List<String> recipients, byte[] data, boolean overTls) {
        /** @return the content as UTF-8 text */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /**
     * One {@code AUTH} exchange.
     *
     * @param mechanism {@code PLAIN}, {@code LOGIN} or {@code XOAUTH2}
     * @param user the user the client named
     * @param secret the password, or the access token for XOAUTH2
     * @param accepted whether the server answered {@code 235}
     * @param overTls whether the connection was encrypted
     */
    public record Login(String mechanism, String user, String secret, boolean accepted, boolean overTls) {
    }

    private final ServerSocket listener;
    private final SSLContext implicitTls;
    private volatile SSLContext startTls;
    private volatile boolean needClientAuth;
    private volatile boolean smtpUtf8;
    private volatile BiPredicate<String, String> credentials;
    private volatile boolean pipelining;
    private volatile boolean chunking;
    private final List<byte[]> reads = new CopyOnWriteArrayList<>();
    private final List<Login> logins = new CopyOnWriteArrayList<>();
    private final List<String> clientCertificates = new CopyOnWriteArrayList<>();
    private final int idleTimeoutMillis;
    private final List<ScriptRule> rules = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger queueIds = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private ScriptedSmtpServer(int port, Duration idleTimeout, SSLContext implicitTls) throws IOException {
        this.implicitTls = implicitTls;
        this.idleTimeoutMillis = Math.toIntExact(Math.max(1, idleTimeout.toMillis()));
        this.listener = new ServerSocket();
        this.listener.setReuseAddress(true);
        this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + port());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** @return a running server on a free loopback port, closing connections idle for 30 s */
    public static ScriptedSmtpServer start() throws IOException {
        return new ScriptedSmtpServer(0, DEFAULT_IDLE_TIMEOUT, null);
    }

    /**
     * @param tls the server's TLS context, for example {@link TestCertificates.Identity#serverContext()}
     * @return a running server on a free loopback port that speaks TLS from the first byte
     */
    public static ScriptedSmtpServer startImplicitTls(SSLContext tls) throws IOException {
        return new ScriptedSmtpServer(0, DEFAULT_IDLE_TIMEOUT, tls);
    }

    /**
     * @param port the loopback port; 0 for any free port
     * @param idleTimeout how long a connection may wait for the client before the server replies
     *                    {@code 421} and closes it
     * @return a running server
     */
    public static ScriptedSmtpServer start(int port, Duration idleTimeout) throws IOException {
        return new ScriptedSmtpServer(port, idleTimeout, null);
    }

    /**
     * Offers STARTTLS in the EHLO reply, and upgrades the connection with this context.
     *
     * @param tls the server's TLS context
     * @return this server
     */
    public ScriptedSmtpServer offerStartTls(SSLContext tls) {
        this.startTls = tls;
        return this;
    }

    /**
     * Offers SMTPUTF8 (RFC 6531) in the EHLO reply. Commands are recorded with each byte as one
     * ISO-8859-1 character; {@link #commandsAsUtf8()} decodes them as UTF-8.
     *
     * @return this server
     */
    public ScriptedSmtpServer offerSmtpUtf8() {
        this.smtpUtf8 = true;
        return this;
    }

    /** @return the commands received, each decoded as UTF-8 */
    public List<String> commandsAsUtf8() {
        return commands.stream()
                .map(c -> new String(c.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)).toList();
    }

    /**
     * Asks TLS clients for a certificate and refuses the handshake without one; the subjects of the
     * certificates presented are in {@link #clientCertificates()}.
     *
     * @return this server
     */
    public ScriptedSmtpServer requireClientCertificate() {
        this.needClientAuth = true;
        return this;
    }

    /**
     * Offers {@code AUTH PLAIN LOGIN XOAUTH2} and accepts the logins the check accepts: the user
     * and the password (for XOAUTH2, the access token).
     *
     * @param check the server's idea of valid credentials
     * @return this server
     */
    public ScriptedSmtpServer acceptLogins(BiPredicate<String, String> check) {
        this.credentials = check;
        return this;
    }

    /**
     * Offers PIPELINING (RFC 2920) in the EHLO reply. The server reads commands in order whether
     * or not it offers it; this only tells the client it may send several at once.
     *
     * @return this server
     */
    public ScriptedSmtpServer offerPipelining() {
        this.pipelining = true;
        return this;
    }

    /**
     * Offers CHUNKING (RFC 3030) in the EHLO reply and takes {@code BDAT <n> [LAST]}: the {@code n}
     * bytes after the command line are the next piece of the message, taken as they are (no
     * dot-unstuffing). A chunk is answered {@code 250}; the {@code LAST} one as the final dot of
     * DATA is ({@link Step#MESSAGE} rules apply). Without a MAIL FROM and an accepted recipient,
     * the chunk is still read, then refused with {@code 503} or {@code 554}.
     *
     * @return this server
     */
    public ScriptedSmtpServer offerChunking() {
        this.chunking = true;
        return this;
    }

    /**
     * Every piece of bytes one {@code read()} from a client socket returned, in order, on all
     * connections (after TLS, the plaintext). On loopback one client write of a few kilobytes
     * arrives as one piece, and a client that waits for each reply before its next command never
     * has two commands in one piece: so this shows what a client sent together.
     *
     * @return the pieces as ISO-8859-1 text
     */
    public List<String> reads() {
        return reads.stream().map(b -> new String(b, StandardCharsets.ISO_8859_1)).toList();
    }

    /** @return every AUTH exchange, in order */
    public List<Login> logins() {
        return List.copyOf(logins);
    }

    /** @return the subject of each client certificate presented in a TLS handshake */
    public List<String> clientCertificates() {
        return List.copyOf(clientCertificates);
    }

    /** @return the port clients connect to, on 127.0.0.1 */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Adds a rule for a step. It takes effect once given an action ({@link ScriptRule#reply},
     * {@link ScriptRule#replyAndClose}, {@link ScriptRule#drop}).
     *
     * @param step the step to answer
     * @return the new rule
     */
    public ScriptRule on(Step step) {
        ScriptRule rule = new ScriptRule(step);
        rules.add(rule);
        return rule;
    }

    /** @return every command line received, on all connections, in order */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** @return every message accepted with a {@code 2xx} reply, in order */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** @return how many connections were accepted */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every open connection without a word, as a server closing idle connections does. */
    public void dropAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closeQuietly(listener);
        dropAll();
        try {
            acceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                accepted.incrementAndGet();
                open.add(socket);
                if (listener.isClosed()) {
                    closeQuietly(socket); // close() ran between accept() and add(): it did not see this one
                    return;
                }
                Thread t = new Thread(() -> serve(socket), "scripted-smtp-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket accepted) {
        Socket socket = accepted;
        try (accepted) {
            socket.setSoTimeout(idleTimeoutMillis);
            if (implicitTls != null) {
                socket = upgrade(socket, implicitTls);
                open.add(socket);
            }
            new SmtpConversation(this, socket, implicitTls != null).run();
        } catch (IOException e) {
            // The client or dropAll() closed the connection.
        } finally {
            open.remove(socket);
            open.remove(accepted);
            closeQuietly(socket);
        }
    }

    /** Runs the server side of a TLS handshake on a connected socket. */
    SSLSocket upgrade(Socket socket, SSLContext tls) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setNeedClientAuth(needClientAuth);
        ssl.startHandshake();
        if (needClientAuth) {
            Certificate[] peer = ssl.getSession().getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate x509) {
                clientCertificates.add(x509.getSubjectX500Principal().getName());
            }
        }
        return ssl;
    }

    /** @return the TLS context to offer STARTTLS with, or {@code null} */
    boolean smtpUtf8() {
        return smtpUtf8;
    }

    SSLContext startTls() {
        return startTls;
    }

    /** @return the check of credentials, or {@code null} if AUTH is not offered */
    BiPredicate<String, String> credentials() {
        return credentials;
    }

    boolean pipelining() {
        return pipelining;
    }

    boolean chunking() {
        return chunking;
    }

    void recordRead(byte[] b, int off, int n) {
        reads.add(java.util.Arrays.copyOfRange(b, off, off + n));
    }

    void record(Login login) {
        logins.add(login);
    }

    /** @return the first rule that answers the step and argument, counting one use of it; or {@code null} */
    ScriptRule ruleFor(Step step, String argument) {
        for (ScriptRule rule : rules) {
            if (rule.use(step, argument)) {
                return rule;
            }
        }
        return null;
    }

    void record(String command) {
        commands.add(command);
    }

    void record(Message message) {
        messages.add(message);
    }

    int nextQueueId() {
        return queueIds.incrementAndGet();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
