package io.mailroom.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SOCKS5 (RFC 1928, with RFC 1929 username/password) or HTTP CONNECT proxy on loopback, for
 * the client's proxy settings. It requires the given credentials (if any), records the targets
 * it opened tunnels to, and refuses targets that are not on loopback. Bounded like
 * {@link ScriptedSmtpServer}: daemon threads, read timeouts, {@link #close()} closes every socket.
 */
public final class TestProxy implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 30_000;

    /** The protocol the proxy speaks. */
    public enum Kind {
        /** SOCKS version 5. */
        SOCKS5,
        /** HTTP with the CONNECT method. */
        HTTP
    }

    private final Kind kind;
    private final String username;
    private final String password;
    private final ServerSocket listener;
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TestProxy(Kind kind, String username, String password) throws IOException {
        this.kind = kind;
        this.username = username;
        this.password = password;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "test-proxy-" + kind);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param kind SOCKS5 or HTTP
     * @param username the user the proxy requires, or {@code null} for none
     * @param password the user's password
     * @return a running proxy on a free loopback port
     */
    public static TestProxy start(Kind kind, String username, String password) throws IOException {
        return new TestProxy(kind, username, password);
    }

    /** @return the port clients connect to, on 127.0.0.1 */
    public int port() {
        return listener.getLocalPort();
    }

    /** @return {@code host:port} of each tunnel opened, in order */
    public List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    /** @return why each refused client was refused, in order */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    public void close() {
        closeQuietly(listener);
        open.forEach(TestProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "test-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        try {
            client.setSoTimeout(TIMEOUT_MILLIS);
            InetSocketAddress target = kind == Kind.SOCKS5 ? socks(client) : http(client);
            if (target == null) {
                closeQuietly(client);
                return;
            }
            Socket server = new Socket();
            open.add(server);
            server.connect(target, TIMEOUT_MILLIS);
            tunnels.add(target.getHostString() + ":" + target.getPort());
            if (kind == Kind.SOCKS5) {
                client.getOutputStream().write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            } else {
                client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            client.setSoTimeout(0);
            Pump.both(client, server, open, "test-proxy-pump");
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private InetSocketAddress socks(Socket client) throws IOException {
        DataInputStream in = new DataInputStream(client.getInputStream());
        OutputStream out = client.getOutputStream();
        in.readUnsignedByte();
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        int wanted = username == null ? 0 : 2;
        if (!contains(methods, wanted)) {
            out.write(new byte[] {5, (byte) 0xFF});
            return refuse("no acceptable method");
        }
        out.write(new byte[] {5, (byte) wanted});
        if (wanted == 2) {
            in.readUnsignedByte();
            String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String pass = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            boolean ok = username.equals(user) && password.equals(pass);
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            if (!ok) {
                return refuse("wrong credentials for " + user);
            }
        }
        in.readUnsignedByte();
        in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        String host = switch (type) {
            case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            default -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
        };
        int port = in.readUnsignedShort();
        InetSocketAddress target = loopbackTarget(host, port);
        if (target == null) {
            out.write(new byte[] {5, 2, 0, 1, 0, 0, 0, 0, 0, 0});
        }
        return target;
    }

    private InetSocketAddress http(Socket client) throws IOException {
        String head = readHead(client.getInputStream());
        String[] lines = head.split("\r\n");
        String[] request = lines[0].split(" ");
        OutputStream out = client.getOutputStream();
        String expected = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        boolean authorized = expected == null;
        for (String line : lines) {
            if (line.regionMatches(true, 0, "Proxy-Authorization:", 0, 20) && line.substring(20).strip().equals(expected)) {
                authorized = true;
            }
        }
        if (!authorized) {
            out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return refuse("407");
        }
        if (request.length < 2 || !request[0].equals("CONNECT")) {
            out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return refuse("not CONNECT");
        }
        int colon = request[1].lastIndexOf(':');
        InetSocketAddress target = loopbackTarget(request[1].substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(request[1].substring(colon + 1)));
        if (target == null) {
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return target;
    }

    private InetSocketAddress loopbackTarget(String host, int port) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            return refuse("target " + host + " is not on loopback");
        }
        return new InetSocketAddress(address, port);
    }

    private InetSocketAddress refuse(String why) {
        refusals.add(why);
        return null;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.size() > 16_384) {
                throw new IOException("no request head");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] methods, int method) {
        for (byte m : methods) {
            if (m == method) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
