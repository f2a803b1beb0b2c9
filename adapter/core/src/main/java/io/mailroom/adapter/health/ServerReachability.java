package io.mailroom.adapter.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether an SMTP server accepts a TCP connection: one socket opened within the connect timeout
 * and closed at once, nothing sent. Not a full SMTP session (no greeting, TLS or AUTH): a health
 * endpoint polled every few seconds must not log in to the relay each time.
 */
public final class ServerReachability {
    private ServerReachability() {
    }

    /**
     * @param host the server
     * @param port its port
     * @param timeoutMillis the longest wait for the connection
     * @return whether the connection was accepted in time
     */
    public static boolean check(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
