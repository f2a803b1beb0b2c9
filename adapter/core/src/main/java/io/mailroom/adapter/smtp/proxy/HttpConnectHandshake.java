package io.mailroom.adapter.smtp.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client side of an HTTP proxy's {@code CONNECT} method (RFC 9110 section 9.3.6), with Basic
 * authentication, on a socket already connected to the proxy. Reads the proxy's answer byte by
 * byte, so nothing of the SMTP server's greeting is consumed.
 */
public final class HttpConnectHandshake {
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private HttpConnectHandshake() {
    }

    /**
     * Asks the proxy to connect to the target; on return the socket is a tunnel to it.
     *
     * @param proxy a socket connected to the HTTP proxy
     * @param host the target host
     * @param port the target port
     * @param username the proxy user, or {@code null} for none
     * @param password the proxy user's password, or {@code null}
     * @throws ProxyException if the proxy answered with anything but 2xx
     * @throws IOException if the connection to the proxy failed
     */
    public static void connect(Socket proxy, String host, int port, String username, String password)
            throws IOException {
        String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder()
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (username != null) {
            String pair = username + ":" + (password == null ? "" : password);
            request.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        request.append("\r\n");
        OutputStream out = proxy.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = readHead(proxy.getInputStream());
        String[] parts = statusLine.split(" ", 3);
        int status = parts.length >= 2 && parts[0].startsWith("HTTP/") ? parseStatus(parts[1]) : -1;
        if (status == 407) {
            throw new ProxyException(username == null
                    ? "the HTTP proxy requires authentication (407): set proxyUsername and proxyPassword"
                    : "the HTTP proxy refused the credentials of user " + username + " (407)");
        }
        if (status < 200 || status > 299) {
            throw new ProxyException("the HTTP proxy would not connect to " + authority + ": " + statusLine);
        }
    }

    /** @return the status line, after reading the whole head up to the empty line */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new ProxyException("the HTTP proxy closed the connection before answering CONNECT");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEADER_BYTES) {
                throw new ProxyException("the HTTP proxy's answer to CONNECT is too long");
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n")).strip();
    }

    private static int parseStatus(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
