package io.mailroom.adapter.smtp.proxy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The client side of SOCKS version 5 (RFC 1928) with username/password authentication
 * (RFC 1929), on a socket already connected to the proxy. The proxy resolves the target's host
 * name. The JDK's own SOCKS client takes credentials only from the JVM-wide
 * {@link java.net.Authenticator}, which a resource adapter must not set; hence this one.
 */
public final class Socks5Handshake {
    private static final int VERSION = 5;
    private static final int NO_AUTHENTICATION = 0;
    private static final int USERNAME_PASSWORD = 2;
    private static final int NO_ACCEPTABLE_METHOD = 0xFF;
    private static final int CONNECT = 1;
    private static final int IPV4 = 1;
    private static final int DOMAIN = 3;
    private static final int IPV6 = 4;
    private static final String[] REPLIES = {"succeeded", "general SOCKS server failure",
        "connection not allowed by ruleset", "network unreachable", "host unreachable", "connection refused",
        "TTL expired", "command not supported", "address type not supported"};

    private Socks5Handshake() {
    }

    /**
     * Asks the proxy to connect to the target; on return the socket is a tunnel to it.
     *
     * @param proxy a socket connected to the SOCKS5 proxy
     * @param host the target host; the proxy resolves it
     * @param port the target port
     * @param username the proxy user, or {@code null} to offer no authentication
     * @param password the proxy user's password, or {@code null}
     * @throws ProxyException if the proxy refused
     * @throws IOException if the connection to the proxy failed
     */
    public static void connect(Socket proxy, String host, int port, String username, String password)
            throws IOException {
        DataInputStream in = new DataInputStream(proxy.getInputStream());
        OutputStream out = proxy.getOutputStream();
        boolean credentials = username != null;
        out.write(credentials ? new byte[] {VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD}
                : new byte[] {VERSION, 1, NO_AUTHENTICATION});
        out.flush();
        expectVersion(in.readUnsignedByte(), VERSION);
        int method = in.readUnsignedByte();
        if (method == USERNAME_PASSWORD && credentials) {
            authenticate(in, out, username, password == null ? "" : password);
        } else if (method == NO_ACCEPTABLE_METHOD) {
            throw new ProxyException(credentials ? "the SOCKS5 proxy accepts no username/password authentication"
                    : "the SOCKS5 proxy requires authentication: set proxyUsername and proxyPassword");
        } else if (method != NO_AUTHENTICATION) {
            throw new ProxyException("the SOCKS5 proxy chose authentication method " + method + ", which was not offered");
        }
        out.write(connectRequest(host, port));
        out.flush();
        expectVersion(in.readUnsignedByte(), VERSION);
        int reply = in.readUnsignedByte();
        in.readUnsignedByte(); // reserved
        skipBoundAddress(in, in.readUnsignedByte());
        if (reply != 0) {
            String reason = reply < REPLIES.length ? REPLIES[reply] : "reply code " + reply;
            throw new ProxyException("the SOCKS5 proxy could not connect to " + host + ":" + port + ": " + reason);
        }
    }

    private static void authenticate(DataInputStream in, OutputStream out, String username, String password)
            throws IOException {
        byte[] user = bounded(username.getBytes(StandardCharsets.UTF_8), "proxyUsername");
        byte[] pass = bounded(password.getBytes(StandardCharsets.UTF_8), "proxyPassword");
        byte[] request = new byte[3 + user.length + pass.length];
        request[0] = 1;
        request[1] = (byte) user.length;
        System.arraycopy(user, 0, request, 2, user.length);
        request[2 + user.length] = (byte) pass.length;
        System.arraycopy(pass, 0, request, 3 + user.length, pass.length);
        out.write(request);
        out.flush();
        in.readUnsignedByte(); // sub-negotiation version
        if (in.readUnsignedByte() != 0) {
            throw new ProxyException("the SOCKS5 proxy refused the username/password of user " + username);
        }
    }

    private static byte[] connectRequest(String host, int port) throws ProxyException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(VERSION);
        request.write(CONNECT);
        request.write(0);
        byte[] literal = ipLiteral(host);
        if (literal != null) {
            request.write(literal.length == 4 ? IPV4 : IPV6);
            request.writeBytes(literal);
        } else {
            byte[] name = bounded(host.getBytes(StandardCharsets.US_ASCII), "host");
            request.write(DOMAIN);
            request.write(name.length);
            request.writeBytes(name);
        }
        request.write(port >> 8);
        request.write(port & 0xFF);
        return request.toByteArray();
    }

    /** @return the address of an IPv4 or IPv6 literal, or {@code null} for a host name (resolved by the proxy) */
    private static byte[] ipLiteral(String host) throws ProxyException {
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new ProxyException("'" + host + "' is not an IP address");
        }
    }

    private static void skipBoundAddress(DataInputStream in, int type) throws IOException {
        int length = switch (type) {
            case IPV4 -> 4;
            case IPV6 -> 16;
            case DOMAIN -> in.readUnsignedByte();
            default -> throw new ProxyException("the SOCKS5 proxy sent an unknown address type " + type);
        };
        in.readFully(new byte[length + 2]);
    }

    private static void expectVersion(int version, int expected) throws ProxyException {
        if (version != expected) {
            throw new ProxyException("not a SOCKS5 proxy (it answered with version " + version + ")");
        }
    }

    private static byte[] bounded(byte[] bytes, String what) throws ProxyException {
        if (bytes.length == 0 || bytes.length > 255) {
            throw new ProxyException(what + " must be 1 to 255 bytes long for SOCKS5");
        }
        return bytes;
    }
}
