package io.mailroom.benchmarks.sink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * A minimal SMTP sink on 127.0.0.1, used when Postfix's {@code smtp-sink} is not installed.
 *
 * <p>Hand-written on purpose: the Java SMTP servers at hand measure themselves rather than the
 * client. GreenMail keeps every message in the heap and flushes replies without TCP_NODELAY (a
 * new connection to it costs ~43 ms in delayed-ACK stalls); a sink only has to answer each command
 * at once and throw the bytes away. This one sets TCP_NODELAY, allocates almost nothing per
 * message, and answers pipelined commands in one write.
 *
 * <p>One thread per connection, at most {@value #MAX_SESSIONS} at once; every socket has a read
 * timeout, so no session outlives an idle client.
 */
public final class JavaSmtpSink implements Sink {
    static final int MAX_SESSIONS = 256;

    private final ServerSocket server;
    private final Semaphore sessions = new Semaphore(MAX_SESSIONS);
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;
    private final boolean chunking;
    private final Consumer<String> arrivals;
    private final boolean tls;

    private JavaSmtpSink(ServerSocket server, boolean chunking, Consumer<String> arrivals, boolean tls) {
        this.server = server;
        this.chunking = chunking;
        this.arrivals = arrivals;
        this.tls = tls;
        this.acceptor = new Thread(this::acceptLoop, "java-smtp-sink-accept");
        acceptor.setDaemon(true);
    }

    /** @return a sink listening on a free loopback port, offering PIPELINING */
    public static JavaSmtpSink start() throws IOException {
        return start(false);
    }

    /** @param chunking {@code true} to offer CHUNKING (RFC 3030 BDAT) too */
    public static JavaSmtpSink start(boolean chunking) throws IOException {
        return start(new ServerSocket(0, MAX_SESSIONS, InetAddress.getLoopbackAddress()), chunking, null, false);
    }

    /**
     * A sink offering PIPELINING that tells {@code arrivals} of each message as its end of data is
     * read, with the message's (last) envelope recipient, on the session's thread.
     */
    public static JavaSmtpSink recording(Consumer<String> arrivals) throws IOException {
        return start(new ServerSocket(0, MAX_SESSIONS, InetAddress.getLoopbackAddress()), false, arrivals, false);
    }

    /** A sink offering PIPELINING behind implicit TLS (as on port 465), presenting the context's key. */
    public static JavaSmtpSink implicitTls(SSLContext context) throws IOException {
        ServerSocket server = context.getServerSocketFactory().createServerSocket(0, MAX_SESSIONS, InetAddress.getLoopbackAddress());
        return start(server, false, null, true);
    }

    private static JavaSmtpSink start(ServerSocket server, boolean chunking, Consumer<String> arrivals, boolean tls) {
        JavaSmtpSink sink = new JavaSmtpSink(server, chunking, arrivals, tls);
        sink.acceptor.start();
        return sink;
    }

    @Override
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public String description() {
        return "the benchmarks' Java sink (one thread per connection, TCP_NODELAY, PIPELINING" + (chunking ? " and CHUNKING" : "")
                + (tls ? ", implicit TLS (JDK SSLServerSocket)" : "") + ", in the benchmark's JVM)";
    }

    @Override
    public long settledConnections() throws InterruptedException {
        return CountSettler.settle(ended::get);
    }

    @Override
    public long settledMessages() throws InterruptedException {
        return CountSettler.settle(messages::get);
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                sessions.acquire();
                Socket socket = server.accept();
                open.add(socket);
                Thread session = new Thread(() -> serve(socket), "java-smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                sessions.release(); // the server socket was closed, or accept failed once
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            new SinkSession(socket, recipient -> {
                if (arrivals != null) {
                    arrivals.accept(recipient);
                }
                messages.incrementAndGet();
            }, chunking, arrivals != null).run();
        } catch (IOException e) {
            // The client went away or timed out: the session is over either way.
        } finally {
            closeQuietly(socket);
            open.remove(socket);
            ended.incrementAndGet();
            sessions.release();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
