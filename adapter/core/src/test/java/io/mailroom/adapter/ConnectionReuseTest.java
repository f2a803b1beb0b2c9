package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.testsupport.ConnectionCountingProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How many SMTP connections the pool opens, counted by a proxy in front of GreenMail. */
class ConnectionReuseTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private ConnectionCountingProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = ConnectionCountingProxy.start(0, greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void fiftySequentialSendsShareOneConnection() throws Exception {
        try (TestMailroom mailroom = TestMailroom.on(proxy.port())) {
            sendMany(mailroom, 50);
        }
        assertEquals(50, greenMail.getReceivedMessages().length);
        assertEquals(1, proxy.connectionsAccepted());
    }

    @Test
    void fourThreadsOnAPoolOfFourOpenAtMostFourConnections() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (TestMailroom mailroom = new TestMailroom(TestMailroom.settings(proxy.port()), 4)) {
            List<Callable<Void>> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                senders.add(() -> sendMany(mailroom, 25));
            }
            for (Future<Void> sender : threads.invokeAll(senders)) {
                sender.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(100, greenMail.getReceivedMessages().length);
        assertTrue(proxy.connectionsAccepted() <= 4, proxy.connectionsAccepted() + " connections");
    }

    @Test
    void aConnectionIsReplacedAfterMaxMessagesPerConnection() throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(proxy.port());
        settings.setMaxMessagesPerConnection(10);
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            sendMany(mailroom, 25);
        }
        assertEquals(25, greenMail.getReceivedMessages().length);
        assertEquals(3, proxy.connectionsAccepted());
    }

    @Test
    void aConnectionIsReplacedOnceOlderThanMaxConnectionAgeSeconds() throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(proxy.port());
        settings.setMaxConnectionAgeSeconds(1);
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            sendMany(mailroom, 5);
            assertEquals(1, proxy.connectionsAccepted());
            Thread.sleep(1_100);
            sendMany(mailroom, 5); // the first of these finds the connection too old: it closes it after sending
        }
        assertEquals(10, greenMail.getReceivedMessages().length);
        assertEquals(2, proxy.connectionsAccepted());
    }

    @Test
    void byDefaultAThousandMessagesShareOneConnection() throws Exception {
        try (TestMailroom mailroom = TestMailroom.on(proxy.port())) {
            sendMany(mailroom, 1_001);
        }
        assertEquals(1, proxy.connectionsAccepted());
    }

    @Test
    void aPooledConnectionTheServerClosedIsReplacedWithoutAnError() throws Exception {
        try (TestMailroom mailroom = TestMailroom.on(proxy.port())) {
            mailroom.send(TestMailroom.email("before the drop"));
            proxy.dropAll();
            mailroom.send(TestMailroom.email("after the drop"));
        }
        assertEquals("after the drop", greenMail.getReceivedMessages()[1].getSubject());
        assertEquals(2, proxy.connectionsAccepted());
    }

    private static Void sendMany(TestMailroom mailroom, int count) {
        for (int i = 0; i < count; i++) {
            mailroom.send(TestMailroom.email("message " + i));
        }
        return null;
    }
}
