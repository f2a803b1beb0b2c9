package io.mailroom.adapter.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The write timeout of the SMTP sockets of one connection factory: a write still blocked after
 * {@code writeTimeoutMillis} closes its socket, so the write fails with a
 * {@link SocketTimeoutException} (a server that stopped reading cannot hold a sender forever).
 *
 * <p>Hand-written instead of Angus's {@code WriteTimeoutSocket}, for CPU: that one schedules a task
 * on a timer thread of its own for every write and cancels it afterwards, which wakes the timer
 * thread (and so switches threads) about twice per write; with two writes per message, the direct
 * path's CPU per 1 KB message went from ~150 to ~70 µs without it on a loaded 2-CPU machine. Here a
 * write only notes when it started; one thread looks at every watched socket a few times per
 * timeout, and runs only while sockets are open. A blocked write fails between one and 1.25 times
 * the timeout (at most a second late).
 */
final class WriteWatchdog {
    private final long timeoutNanos;
    private final long tickMillis;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private Thread thread; // guarded by this; null when nothing is watched

    /** @param writeTimeoutMillis how long one write may block */
    WriteWatchdog(int writeTimeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis);
        this.tickMillis = Math.max(1, Math.min(1000, writeTimeoutMillis / 4));
    }

    /** @return {@code socket}'s output stream, its writes bounded until {@link Watched#close()} or the socket closes */
    Watched watch(Socket socket, OutputStream out) {
        Watched w = new Watched(socket, out);
        synchronized (this) {
            watched.add(w);
            if (thread == null) {
                thread = new Thread(this::run, "mailroom-smtp-write-timeout");
                thread.setDaemon(true);
                // Not the context loader of whichever application's send opened the socket: it would stay pinned.
                thread.setContextClassLoader(WriteWatchdog.class.getClassLoader());
                thread.start();
            }
        }
        return w;
    }

    /** @return {@code true} while its thread runs (while a socket it watches is open) */
    synchronized boolean running() {
        return thread != null;
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    thread = null;
                }
                return;
            }
            synchronized (this) {
                watched.removeIf(w -> w.socket.isClosed());
                if (watched.isEmpty()) {
                    thread = null; // the next socket starts another
                    return;
                }
            }
            long now = System.nanoTime();
            for (Watched w : watched) {
                w.closeIfBlockedSince(now - timeoutNanos);
            }
        }
    }

    /** A socket's output stream whose writes note when they started. */
    final class Watched extends OutputStream {
        private final Socket socket;
        private final OutputStream out;
        /** {@code System.nanoTime()} when the write in progress started, or 0. */
        private volatile long writeStarted;
        private volatile boolean timedOut;

        private Watched(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            writeStarted = System.nanoTime() | 1; // never 0
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                if (timedOut) {
                    SocketTimeoutException timeout = new SocketTimeoutException("write blocked for more than "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (writeTimeoutMillis): the socket was closed");
                    timeout.initCause(e);
                    throw timeout;
                }
                throw e;
            } finally {
                writeStarted = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            watched.remove(this);
            out.close();
        }

        private void closeIfBlockedSince(long deadline) {
            long started = writeStarted;
            if (started != 0 && started - deadline < 0) {
                timedOut = true;
                try {
                    socket.close(); // the blocked write fails at once
                } catch (IOException ignored) {
                    // Closing is all there is to do.
                }
            }
        }
    }
}
