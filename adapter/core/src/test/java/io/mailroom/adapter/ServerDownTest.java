package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import jakarta.resource.ResourceException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An SMTP server that cannot be reached is reported with its address, within the configured timeouts. */
class ServerDownTest {
    /** Only a guard against hanging; the timeouts under test are far shorter. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @Test
    void aClosedPortIsReportedWithHostAndPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        MailConnectionException e = sendTo(port, s -> s.setConnectTimeoutMillis(2_000));

        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertEquals("127.0.0.1", e.host());
        assertEquals(port, e.port());
    }

    @Test
    void aServerThatNeverGreetsIsReportedAsATimeout() throws Exception {
        // The kernel completes the TCP handshake for the backlog; nobody ever accepts or greets.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            MailConnectionException e = sendTo(silent.getLocalPort(), s -> s.setReadTimeoutMillis(500));

            assertTrue(e.getMessage().contains("127.0.0.1:" + silent.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        }
    }

    private static MailConnectionException sendTo(int port, Consumer<SmtpManagedConnectionFactory> setting)
            throws ResourceException {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(port);
        setting.accept(settings);
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            return assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(MailConnectionException.class,
                    () -> mailroom.send(TestMailroom.email("unreachable"))));
        }
    }
}
