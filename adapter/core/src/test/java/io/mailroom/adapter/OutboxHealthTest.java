package io.mailroom.adapter;

import io.mailroom.testsupport.Await;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.OutboxHealth;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What {@code MailConnectionFactory.outboxHealth()} and {@code serverReachable()} report, with GreenMail up and with nothing listening. */
class OutboxHealthTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    @Test
    void aWorkingOutboxReportsItsFillLevelAndTheLastDelivery() throws Exception {
        try (TestMailroom mailroom = TestMailroom.on(greenMail.getSmtp().getPort())) {
            assertNull(mailroom.factory().outboxHealth().lastProgress());
            mailroom.enqueue(TestMailroom.email("Health"));
            Await.until(() -> mailroom.factory().outboxHealth().lastProgress() != null);

            OutboxHealth health = mailroom.factory().outboxHealth();
            assertTrue(health.writable());
            assertTrue(health.journalHealthy());
            assertEquals(256L * 1024 * 1024, health.maxBytes());
            assertTrue(health.bytesUsed() > 0);
            assertEquals("smtp", health.deliveryMethod());
            assertTrue(mailroom.factory().serverReachable());
        }
    }

    @Test
    void aRelayOutageIsUnreachableButNotStuck() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SmtpManagedConnectionFactory settings = TestMailroom.settings(port);
        settings.setConnectTimeoutMillis(1_000);
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            assertFalse(mailroom.factory().serverReachable());
            mailroom.enqueue(TestMailroom.email("Deferred"));
            Await.until(() -> mailroom.factory().outboxHealth().lastProgress() != null);

            OutboxHealth health = mailroom.factory().outboxHealth();
            assertEquals(1, health.deferred() + health.queued(), "a deferral is progress, the message waits");
            assertFalse(health.deliveryStuck(Instant.now().plus(Duration.ofSeconds(30)), Duration.ofMinutes(1)));
        }
    }

    @Test
    void stuckMeansDueMailAndNoFinishedAttemptBothOlderThanTheThreshold() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        Duration limit = Duration.ofMinutes(15);
        assertFalse(health(null, null).deliveryStuck(now, limit), "nothing due");
        assertFalse(health(now.minusSeconds(60), null).deliveryStuck(now, limit), "due only a minute");
        assertTrue(health(now.minus(Duration.ofMinutes(20)), null).deliveryStuck(now, limit), "no attempt ever");
        assertTrue(health(now.minus(Duration.ofMinutes(20)), now.minus(Duration.ofMinutes(16))).deliveryStuck(now, limit));
        assertFalse(health(now.minus(Duration.ofMinutes(20)), now.minusSeconds(5)).deliveryStuck(now, limit),
                "workers busy on other mail");
    }

    @Test
    void theHighWaterMarkIsAShareOfTheMaximum() {
        assertFalse(new OutboxHealth("smtp", 89, 100, true, null, 0, 0, 0, null, null).aboveHighWater(90));
        assertTrue(new OutboxHealth("smtp", 90, 100, true, null, 0, 0, 0, null, null).aboveHighWater(90));
    }

    private static OutboxHealth health(Instant dueSince, Instant lastProgress) {
        return new OutboxHealth("smtp", 0, 100, true, null, 1, 0, 0, dueSince, lastProgress);
    }
}
