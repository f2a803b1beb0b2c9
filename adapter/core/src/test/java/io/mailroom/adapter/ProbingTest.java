package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import io.mailroom.api.PermanentDeliveryException;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AUTO and SSL_AUTO against loopback ports of which only some work: a closed port, a plaintext
 * server, a STARTTLS server and an implicit-TLS server, listed in {@code probePorts}.
 */
class ProbingTest {
    private static final String USER = "mailer";
    private static final String PASSWORD = "pr0be-pa55";
    private final TestCertificates certificates = TestCertificates.get();
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();
    private int closed;
    private ScriptedSmtpServer plain;
    private ScriptedSmtpServer startTls;
    private ScriptedSmtpServer tls;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        plain = started(ScriptedSmtpServer.start());
        startTls = started(ScriptedSmtpServer.start().offerStartTls(certificates.localhost().serverContext()));
        tls = started(ScriptedSmtpServer.startImplicitTls(certificates.localhost().serverContext()));
    }

    @AfterEach
    void stop() {
        servers.forEach(ScriptedSmtpServer::close);
    }

    @Test
    void sslAutoTakesTheFirstPortThatSpeaksTls() throws Exception {
        send(probing("SSL_AUTO", closed, plain.port(), tls.port()));

        assertEquals(1, tls.messages().size());
        assertTrue(tls.messages().get(0).overTls());
        assertEquals(0, plain.messages().size());
    }

    @Test
    void autoTriesStartTlsOnEveryPortBeforeAnyPlaintext() throws Exception {
        send(probing("AUTO", plain.port(), startTls.port()));

        assertEquals(0, plain.messages().size());
        assertTrue(startTls.messages().get(0).overTls());
    }

    @Test
    void autoFallsBackToPlaintextWhenNoPortOffersEncryption() throws Exception {
        try (LogCapture log = new LogCapture()) {
            send(probing("AUTO", closed, plain.port()));

            assertFalse(plain.messages().get(0).overTls());
            assertTrue(log.text().contains("WARNING MAILROOM-2027 security=AUTO found no encrypted way to 127.0.0.1:"
                    + plain.port()), log.text());
        }
    }

    @Test
    void sslAutoNeverFallsBackAndListsEveryAttemptWithItsReason() throws Exception {
        MailConnectionException e = assertThrows(MailConnectionException.class,
                () -> send(probing("SSL_AUTO", closed, plain.port())));

        String message = e.getMessage();
        assertTrue(message.startsWith("MAILROOM-2025 no port and encryption worked for SMTP server 127.0.0.1"
                + " (security=SSL_AUTO); tried: "), message);
        assertTrue(message.contains("127.0.0.1:" + closed + " implicit TLS: Connection refused"), message);
        assertTrue(message.contains("127.0.0.1:" + plain.port() + " implicit TLS: the server does not speak TLS"), message);
        assertTrue(message.contains("127.0.0.1:" + plain.port() + " STARTTLS: the server does not offer STARTTLS"), message);
        assertEquals(0, plain.messages().size());
    }

    @Test
    void aRefusedPasswordIsRememberedAndIsWhatTheUserSeesWhenNothingWorks() throws Exception {
        tls.acceptLogins((user, secret) -> false);
        plain.acceptLogins((user, secret) -> true);

        PermanentDeliveryException e = assertThrows(PermanentDeliveryException.class,
                () -> send(authenticating(probing("AUTO", tls.port(), plain.port()))));

        assertTrue(e.getMessage().startsWith("MAILROOM-2005 authentication failed for user mailer on 127.0.0.1:"
                + tls.port() + " with mechanism LOGIN"), e.getMessage());
        assertEquals(535, e.replyCode());
        assertFalse(plain.commands().stream().anyMatch(c -> c.startsWith("AUTH")), "no AUTH over plaintext");
    }

    @Test
    void aRefusedPasswordOnOnePortDoesNotStopProbing() throws Exception {
        tls.acceptLogins((user, secret) -> false);
        startTls.acceptLogins((user, secret) -> secret.equals(PASSWORD));

        send(authenticating(probing("SSL_AUTO", tls.port(), startTls.port())));

        assertEquals(1, startTls.messages().size());
        assertTrue(startTls.logins().get(0).overTls());
    }

    @Test
    void theRouteFoundIsKeptUntilItFailsThenTheFactoryProbesAgain() throws Exception {
        SmtpManagedConnectionFactory settings = probing("SSL_AUTO", plain.port(), tls.port(), startTls.port());
        settings.setMaxMessagesPerConnection(1); // a new SMTP connection for every message
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(TestMailroom.email("First"));
            int probesOfPlain = plain.connectionsAccepted();
            mailroom.send(TestMailroom.email("Second"));

            assertEquals(2, tls.messages().size());
            assertEquals(probesOfPlain, plain.connectionsAccepted(), "the second message went straight to the TLS port");

            tls.close();
            mailroom.send(TestMailroom.email("Third"));
        }
        assertEquals(1, startTls.messages().size());
        assertTrue(startTls.messages().get(0).text().contains("Subject: Third"));
    }

    private ScriptedSmtpServer started(ScriptedSmtpServer server) {
        servers.add(server);
        return server;
    }

    private static SmtpManagedConnectionFactory probing(String security, int... ports) {
        SmtpManagedConnectionFactory settings = TestMailroom.secure(0, security);
        settings.setPort(null);
        settings.setProbePorts(IntStream.of(ports).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        return settings;
    }

    private static SmtpManagedConnectionFactory authenticating(SmtpManagedConnectionFactory settings) {
        return TestMailroom.withLogin(settings, USER, PASSWORD);
    }

    private static void send(SmtpManagedConnectionFactory settings) throws Exception {
        TestMailroom.sendOne(settings, "Probed");
    }
}
