package io.mailroom.benchmarks.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that holds every piece of data for a fixed time before passing it on,
 * in each direction, as a network with that one-way latency would: a client's request reaches the
 * sink one delay later and the reply comes back one delay after that. Bandwidth is not limited:
 * pieces are read as soon as they arrive and queued with their due time. Both sides use TCP_NODELAY,
 * so the proxy adds no Nagle delay of its own. Written by hand for the benchmark (a few dozen lines;
 * {@code tc netem} would need root and a network namespace).
 */
public final class DelayProxy implements AutoCloseable {
    private static final int PIECE = 64 * 1024;
    private static final int QUEUED_PIECES = 1024;
    private static final byte[] END = new byte[0];

    private final ServerSocket listener;
    private final int targetPort;
    private final long delayNanos;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private DelayProxy(int targetPort, Duration delay) throws IOException {
        this.targetPort = targetPort;
        this.delayNanos = delay.toNanos();
        this.listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "delay-proxy-accept").start();
    }

    /**
     * @param targetPort the loopback port to forward to
     * @param delay how long every piece waits, in each direction
     */
    public static DelayProxy start(int targetPort, Duration delay) throws IOException {
        return new DelayProxy(targetPort, delay);
    }

    /** @return the port clients connect to, on 127.0.0.1 */
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                for (Socket s : new Socket[] {client, server}) {
                    s.setTcpNoDelay(true);
                    open.add(s);
                }
                forward(client, server);
                forward(server, client);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    /** One direction: a reader that stamps each piece with its due time, a writer that waits for it. */
    private void forward(Socket from, Socket to) throws IOException {
        BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(QUEUED_PIECES);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        daemon(() -> {
            byte[] buffer = new byte[PIECE];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    queue.put(new Object[] {System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)});
                }
            } catch (IOException | InterruptedException e) {
                // The connection closed: pass the end on.
            }
            putQuietly(queue, new Object[] {System.nanoTime() + delayNanos, END});
        }, "delay-proxy-read").start();
        daemon(() -> {
            try {
                while (true) {
                    Object[] piece = queue.take();
                    for (long wait; (wait = (long) piece[0] - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    byte[] bytes = (byte[]) piece[1];
                    if (bytes == END) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "delay-proxy-write").start();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(DelayProxy::closeQuietly);
    }

    private static void putQuietly(BlockingQueue<Object[]> queue, Object[] piece) {
        try {
            queue.put(piece);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
