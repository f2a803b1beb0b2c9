package io.mailroom.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a test SMTP server. It counts the connections clients open
 * (what the product promises to keep low) and can close them all at once, as a server does with
 * idle connections. Hand-written because no test library offers a counting proxy; about 100 lines
 * of plain sockets.
 */
public final class ConnectionCountingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private ConnectionCountingProxy(int listenPort, int targetPort) throws IOException {
        this.listener = new ServerSocket();
        this.listener.setReuseAddress(true);
        this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "counting-proxy-" + port());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /**
     * @param listenPort the loopback port to listen on; 0 for any free port
     * @param targetPort the loopback port of the real server
     * @return a running proxy
     */
    public static ConnectionCountingProxy start(int listenPort, int targetPort) throws IOException {
        return new ConnectionCountingProxy(listenPort, targetPort);
    }

    /** @return the port clients connect to */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return how many client connections were accepted since start or the last {@link #resetCount()} */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Starts counting again from zero. */
    public void resetCount() {
        accepted.set(0);
    }

    /** Closes every open client and server socket, as a server closing idle connections does. */
    public void dropAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        dropAll();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                open.add(client);
                open.add(server);
                Pump.both(client, server, open, "counting-proxy-pump");
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
