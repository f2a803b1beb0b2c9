package io.mailroom.adapter.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.work.RecordingWorkLauncher;
import io.mailroom.adapter.work.StandaloneWorkLauncher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write timeout of Mailroom's SMTP sockets ({@link WriteWatchdog} behind
 * {@link SocketOpener.ConfiguredHostSocket}), against a loopback peer that stops reading or reads slowly.
 */
class WriteWatchdogTest {
    private static final int TIMEOUT_MILLIS = 400;

    private ServerSocket server;
    private Socket accepted;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        if (accepted != null) {
            accepted.close();
        }
        server.close();
    }

    @Test
    void aWriteToAPeerThatStopsReadingFailsAfterTheTimeoutAndClosesTheSocket() {
        WriteWatchdog watchdog = new WriteWatchdog(TIMEOUT_MILLIS, StandaloneWorkLauncher.INSTANCE);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Socket socket = connect(watchdog);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            AtomicLong lastStart = new AtomicLong();
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> {
                while (true) { // the peer reads nothing: the socket buffers fill, then a write blocks
                    lastStart.set(System.nanoTime());
                    out.write(chunk);
                }
            });
            long blockedMillis = (System.nanoTime() - lastStart.get()) / 1_000_000;
            assertTrue(e.getMessage().contains("writeTimeoutMillis"), e.getMessage());
            assertTrue(blockedMillis >= TIMEOUT_MILLIS, "cut after " + blockedMillis + " ms, before the timeout");
            assertTrue(socket.isClosed());
        });
    }

    @Test
    void writesThatEachFinishInTimeAreNeverCutHoweverLongTheyTakeTogether() throws Exception {
        WriteWatchdog watchdog = new WriteWatchdog(TIMEOUT_MILLIS, StandaloneWorkLauncher.INSTANCE);
        try (Socket socket = connect(watchdog)) {
            Thread reader = new Thread(() -> {
                try (InputStream in = accepted.getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // closed at the end
                }
            });
            reader.start();
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            while (System.nanoTime() - start < 3L * TIMEOUT_MILLIS * 1_000_000) {
                out.write(new byte[1024]);
                Thread.sleep(20);
            }
            assertFalse(socket.isClosed());
            socket.close();
            reader.join(10_000);
        }
    }

    @Test
    void itsThreadRunsOnlyWhileASocketIsOpen() throws Exception {
        WriteWatchdog watchdog = new WriteWatchdog(TIMEOUT_MILLIS, StandaloneWorkLauncher.INSTANCE);
        Socket socket = connect(watchdog);
        socket.getOutputStream();
        assertTrue(watchdog.running());

        socket.close();

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (watchdog.running() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(watchdog.running(), "the watchdog thread outlived its sockets");
    }

    @Test
    void itsWorkGoesThroughTheWorkLauncherAsLongRunningAndEndsWithTheLastSocket() throws Exception {
        RecordingWorkLauncher launcher = new RecordingWorkLauncher();
        WriteWatchdog watchdog = new WriteWatchdog(TIMEOUT_MILLIS, launcher);
        Socket first = connect(watchdog);
        first.getOutputStream();
        Socket second = connect(watchdog);
        second.getOutputStream();
        assertEquals(1, launcher.launched().size(), "one work for all the factory's sockets");
        RecordingWorkLauncher.Launched work = launcher.launched().get(0);
        assertEquals(WriteWatchdog.NAME, work.longRunningName(), "launched as long-running work");

        first.close();
        Thread.sleep(3L * TIMEOUT_MILLIS / 4);
        assertFalse(work.ended(), "ended while a socket was still open");
        second.close();
        assertTrue(work.awaitEnded(10_000), "the work outlived its sockets");
        assertFalse(watchdog.running());

        connect(watchdog).getOutputStream().close();
        assertEquals(2, launcher.launched().size(), "the next socket launches the work again");
    }

    @Test
    void releasingItsWorkEndsItAtOnceAndTheNextSocketLaunchesAnother() throws Exception {
        RecordingWorkLauncher launcher = new RecordingWorkLauncher();
        WriteWatchdog watchdog = new WriteWatchdog(10_000, launcher);
        try (Socket socket = connect(watchdog)) {
            socket.getOutputStream();
            RecordingWorkLauncher.Launched work = launcher.launched().get(0);

            work.work().release(); // what the server does when the adapter stops

            assertTrue(work.awaitEnded(1_000), "a released work went on (tick 1 s)");
            assertFalse(watchdog.running());
        }
        try (Socket socket = connect(watchdog)) {
            socket.getOutputStream();
            assertEquals(2, launcher.launched().size());
            assertTrue(watchdog.running());
        }
    }

    @Test
    void aRefusedWorkFailsTheSocketNamingTheSetting() throws Exception {
        WriteWatchdog watchdog = new WriteWatchdog(TIMEOUT_MILLIS, RecordingWorkLauncher.refusing());
        try (Socket socket = connect(watchdog)) {
            IOException e = assertThrows(IOException.class, socket::getOutputStream);
            assertTrue(e.getMessage().startsWith("MAILROOM-2048 ") && e.getMessage().contains("writeTimeoutMillis"),
                    e.getMessage());
            assertFalse(watchdog.running());
        }
    }

    private Socket connect(WriteWatchdog watchdog) throws IOException {
        Socket raw = new Socket();
        raw.setSendBufferSize(8 * 1024);
        raw.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
        accepted = server.accept();
        accepted.setReceiveBufferSize(8 * 1024);
        return new SocketOpener.ConfiguredHostSocket(raw, watchdog, "127.0.0.1");
    }
}
