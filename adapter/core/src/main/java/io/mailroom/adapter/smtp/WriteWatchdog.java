package io.mailroom.adapter.smtp;

import io.mailroom.adapter.work.WorkLauncher;

import jakarta.resource.spi.work.Work;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The write timeout of the SMTP sockets of one connection factory: a write still blocked after
 * {@code writeTimeoutMillis} closes its socket, so the write fails with a
 * {@link SocketTimeoutException} (a server that stopped reading cannot hold a sender forever).
 *
 * <p>Hand-written instead of Angus's {@code WriteTimeoutSocket}, for CPU: that one schedules a task
 * on a timer thread of its own for every write and cancels it afterwards, which wakes the timer
 * thread (and so switches threads) about twice per write; with two writes per message, the direct
 * path's CPU per 1 KB message went from ~150 to ~70 µs without it on a loaded 2-CPU machine. Here a
 * write only notes when it started; one long-running {@code Work} (on the server's WorkManager,
 * through the {@link WorkLauncher}) looks at every watched socket a few times per timeout, and
 * runs only while sockets are open. A blocked write fails between one and 1.25 times
 * the timeout (at most a second late).
 */
final class WriteWatchdog {
    static final String NAME = "mailroom-smtp-write-timeout";

    private final long timeoutNanos;
    private final long tickMillis;
    private final WorkLauncher launcher;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private Tick tick; // guarded by this; null when nothing is watched

    /**
     * @param writeTimeoutMillis how long one write may block
     * @param launcher where the watching work runs while sockets are open (the server's WorkManager)
     */
    WriteWatchdog(int writeTimeoutMillis, WorkLauncher launcher) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis);
        this.tickMillis = Math.max(1, Math.min(1000, writeTimeoutMillis / 4));
        this.launcher = launcher;
    }

    /**
     * @return {@code socket}'s output stream, its writes bounded until {@link Watched#close()} or the socket closes
     * @throws IOException if the watching work cannot be started (the adapter stopped): the socket is not used unbounded
     */
    Watched watch(Socket socket, OutputStream out) throws IOException {
        Watched w = new Watched(socket, out);
        synchronized (this) {
            watched.add(w);
            if (tick == null) {
                Tick started = new Tick();
                try {
                    launcher.launchLongRunning(started, NAME);
                } catch (Exception e) {
                    watched.remove(w);
                    throw new IOException(SmtpMessages.writeTimeoutNotStarted(e), e);
                }
                tick = started;
            }
        }
        return w;
    }

    /** @return {@code true} while its work runs (while a socket it watches is open) */
    synchronized boolean running() {
        return tick != null;
    }

    /**
     * Looks at every watched socket a few times per timeout; ends when none is left open, or when
     * released (by the server when the adapter stops): a later socket starts another.
     */
    private final class Tick implements Work {
        private volatile boolean released;
        private volatile Thread thread;

        @Override
        public void run() {
            thread = Thread.currentThread();
            try {
                while (!released && !Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(tickMillis));
                    if (released || Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    synchronized (WriteWatchdog.this) {
                        watched.removeIf(w -> w.socket.isClosed());
                        if (watched.isEmpty()) {
                            ended(); // under the same lock: the next socket starts another
                            return;
                        }
                    }
                    long now = System.nanoTime();
                    for (Watched w : watched) {
                        w.closeIfBlockedSince(now - timeoutNanos);
                    }
                }
            } finally {
                thread = null;
                ended();
            }
        }

        private void ended() {
            synchronized (WriteWatchdog.this) {
                if (tick == this) {
                    tick = null;
                }
            }
        }

        @Override
        public void release() {
            released = true;
            ended(); // also when the server releases it before it ran
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
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
