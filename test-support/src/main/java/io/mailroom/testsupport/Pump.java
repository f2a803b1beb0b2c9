package io.mailroom.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;

/** Copies bytes both ways between two sockets on daemon threads, closing both when either side ends. */
final class Pump {
    private Pump() {
    }

    /**
     * @param open the set the sockets are removed from when they close
     * @param name the threads' name
     */
    static void both(Socket a, Socket b, Set<Socket> open, String name) {
        one(a, b, open, name);
        one(b, a, open, name);
    }

    private static void one(Socket from, Socket to, Set<Socket> open, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // One side closed: close the other below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
