package io.mailroom.adapter;

import io.mailroom.adapter.interop.PostfixServer;
import io.mailroom.adapter.interop.ProxyDaemons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailException;
import io.mailroom.api.Envelope;
import io.mailroom.api.OutboxAdmin;
import io.mailroom.api.PermanentDeliveryException;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.TestTokenEndpoint;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security settings against Debian's Postfix with Dovecot SASL (XOAUTH2 tokens checked by
 * Dovecot against the test's token endpoint), and through Dante (SOCKS5)
 * and tinyproxy (HTTP CONNECT), all on loopback, started by the test in temporary directories.
 * Delivered mail is read back from Postfix's Maildir. Runs with {@code mvn verify -Pinterop}.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PostfixInteropTest {
    private static final String USER = "mailer";
    private static final String ADDRESS = USER + "@" + PostfixServer.DOMAIN;
    private static final String PASSWORD = "p0stfix-pa55";
    private static final String CLIENT_SECRET = "interop-cl1ent-s3cret";
    private static final String REFRESH_TOKEN = "rt-interop-0";
    private static TestTokenEndpoint tokens;
    private static PostfixServer postfix;
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();
    private final StringBuilder failures = new StringBuilder();

    @BeforeAll
    static void startPostfix() throws IOException {
        tokens = TestTokenEndpoint.start("mailroom", CLIENT_SECRET, REFRESH_TOKEN).subject(ADDRESS).rotateRefreshTokens(true);
        postfix = PostfixServer.start(USER, PASSWORD, tokens.introspectionUrl());
    }

    @AfterAll
    static void stopPostfix() {
        if (postfix != null) {
            postfix.close();
        }
        if (tokens != null) {
            tokens.close();
        }
    }

    /** Every test runs with Angus Mail's trace on: no password may appear in it, in clear or base64. */
    @AfterEach
    void noSecretInTheTraceOrTheExceptions() {
        String text = trace.toString(StandardCharsets.UTF_8) + failures;
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, "\0" + ADDRESS + "\0" + PASSWORD, CLIENT_SECRET,
                REFRESH_TOKEN, ProxyDaemons.SOCKS_PASSWORD, ProxyDaemons.HTTP_USER + ":" + ProxyDaemons.HTTP_PASSWORD));
        for (String token : tokens.issuedTokens()) {
            secrets.add(token);
            secrets.add("user=" + ADDRESS + "\u0001auth=Bearer " + token + "\u0001\u0001");
        }
        for (String secret : secrets) {
            assertFalse(text.contains(secret), text);
            assertFalse(text.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))), text);
        }
    }

    @Test
    void implicitTlsWithPlainDeliversAndTheMessageArrivesIntact() throws Exception {
        send(login(settings(postfix.smtpsPort(), "SSL_IMPLICIT"), "PLAIN"), "Implicit TLS");

        MimeMessage received = delivered("Implicit TLS");
        assertEquals("Implicit TLS", received.getSubject());
        assertEquals(new InternetAddress(TestMailroom.FROM), received.getFrom()[0]);
        assertEquals("Hello from Implicit TLS", ((String) received.getContent()).strip());
        assertTrue(postfix.sessions("smtps").stream().anyMatch(l -> l.contains(" auth=1 ")), postfix.log("smtps").toString());
    }

    @Test
    void startTlsRequiredWithLoginDelivers() throws Exception {
        send(login(settings(postfix.submissionPort(), "STARTTLS_REQUIRED"), "LOGIN"), "Submission");

        assertEquals("Submission", delivered("Submission").getSubject());
        assertTrue(postfix.log("submission").stream().anyMatch(l -> l.contains("sasl_method=LOGIN")));
    }

    @Test
    void startTlsWhenAvailableUpgradesWhereTheServerOffersIt() throws Exception {
        send(login(settings(postfix.submissionPort(), "STARTTLS_WHEN_AVAILABLE"), null), "Opportunistic");

        assertEquals("Opportunistic", delivered("Opportunistic").getSubject());
        assertTrue(postfix.sessions("submission").stream().anyMatch(l -> l.contains(" starttls=1 auth=1 ")),
                postfix.log("submission").toString());
    }

    @Test
    void noneDeliversWithoutTlsOrCredentialsWhereTheServerAllowsIt() throws Exception {
        send(settings(postfix.plainPort(), "NONE"), "Plaintext");

        assertEquals("Plaintext", delivered("Plaintext").getSubject());
        assertNoAuthOnThePlaintextPort();
    }

    /**
     * Postfix offers PIPELINING and CHUNKING: the envelope and {@code BDAT <n> LAST} with the message
     * go in one write (Postfix counts the commands per session in its log); one recipient refused,
     * the other gets the message, whose dots and bare line feeds arrive as sent, a megabyte of them.
     */
    @Test
    void pipelinedAndChunkedPostfixDeliversByteForByteAndReportsTheRefusedRecipient() throws Exception {
        String body = dottedBody(1024 * 1024);
        byte[] raw = ("From: " + TestMailroom.FROM + "\r\nTo: " + ADDRESS + "\r\nSubject: Chunked\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
        SendReceipt receipt;
        try (TestMailroom mailroom = new TestMailroom(settings(postfix.plainPort(), "NONE"), 1)) {
            receipt = mailroom.sendRaw(raw, Envelope.of(TestMailroom.FROM, "nobody@" + PostfixServer.DOMAIN, ADDRESS));
        }

        assertEquals(List.of(ADDRESS), receipt.accepted());
        assertTrue(receipt.rejected().get(0).startsWith("nobody@" + PostfixServer.DOMAIN + ": 550"), receipt.rejected().toString());
        String delivered = (String) delivered("Chunked").getContent();
        assertEquals(body.replace("\r\n", "\n"), delivered.replace("\r\n", "\n"));
        String session = lastSession("plain");
        assertTrue(session.contains(" bdat=1 ") && !session.contains(" data="), session);
    }

    /** The same through Postfix with pipelining switched off: lockstep, DATA, the same bytes. */
    @Test
    void lockstepWhenSwitchedOffDeliversTheSameBytes() throws Exception {
        String body = dottedBody(64 * 1024);
        byte[] raw = ("From: " + TestMailroom.FROM + "\r\nTo: " + ADDRESS + "\r\nSubject: Lockstep\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
        SmtpManagedConnectionFactory settings = settings(postfix.plainPort(), "NONE");
        settings.setPipelining(false);
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.sendRaw(raw, Envelope.of(TestMailroom.FROM, ADDRESS));
        }

        assertEquals(body.replace("\r\n", "\n"), ((String) delivered("Lockstep").getContent()).replace("\r\n", "\n"));
        String session = lastSession("plain");
        assertTrue(session.contains(" data=1 ") && !session.contains(" bdat="), session);
    }

    /**
     * Queued messages a delivery worker sends in turn, to Postfix without CHUNKING: each message's
     * envelope right behind the previous message, before its reply (RFC 2920 section 3.1). Postfix
     * delivers every one, counts them in one session, and logs no improper pipelining.
     */
    @Test
    void queuedMessagesGoInTurnThroughPostfixWithoutChunking(@TempDir Path outbox) throws Exception {
        queueThreeInTurn(postfix.noChunkingPort(), outbox, null, "In turn %d für Jürgen Müller");

        String session = lastSession("nochunking");
        assertTrue(session.contains(" mail=3 ") && session.contains(" data=3 ") && !session.contains(" bdat="), session);
        assertNoImproperPipelining("nochunking");
    }

    /**
     * Queued messages a delivery worker sends in turn, to Postfix with CHUNKING: each whole
     * transaction ({@code BDAT ... LAST}) written before the replies to the previous one are read,
     * every one after the first opened by RSET. Postfix delivers every one, counts them in one
     * session, and logs no improper pipelining.
     */
    @Test
    void queuedMessagesGoInTurnThroughPostfixWithChunking(@TempDir Path outbox) throws Exception {
        // The opening message opens the connection: only then does the worker know the server offers CHUNKING.
        queueThreeInTurn(postfix.plainPort(), outbox, "Chunks open", "Chunks in turn %d für 山田 太郎");

        String session = lastSession("plain");
        assertTrue(session.contains(" mail=4 ") && session.contains(" bdat=4 ") && session.contains(" rset=2 "), session);
        assertNoImproperPipelining("plain");
    }

    /**
     * Queues three messages while delivery is paused, so one worker finds them all due at once, and
     * waits until Postfix delivered each.
     *
     * @param opening the subject of a message delivered first, alone; or {@code null}
     * @param subjects the subjects' format, with the message's number
     */
    private void queueThreeInTurn(int port, Path outbox, String opening, String subjects) throws Exception {
        SmtpManagedConnectionFactory settings = settings(port, "NONE");
        settings.setOutboxDirectory(outbox.toString());
        settings.setDeliveryWorkers(1);
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            if (opening != null) {
                mailroom.enqueue(TestMailroom.emailTo(opening, ADDRESS));
                delivered(opening);
            }
            OutboxAdmin admin = mailroom.factory().outboxAdmin();
            admin.pause(); // all due together when it resumes
            for (int i = 0; i < 3; i++) {
                mailroom.enqueue(TestMailroom.emailTo(String.format(subjects, i), ADDRESS));
            }
            admin.resume();
            for (int i = 0; i < 3; i++) {
                assertEquals(String.format(subjects, i), delivered(String.format(subjects, i)).getSubject());
            }
        }
    }

    private void assertNoImproperPipelining(String service) throws IOException {
        assertTrue(postfix.log(service).stream().noneMatch(l -> l.contains("improper command pipelining")),
                postfix.log(service).toString());
    }

    @Test
    void xoauth2WithTheRefreshTokenGrantRenewsARefusedTokenAndFollowsRotation() throws Exception {
        SmtpManagedConnectionFactory settings = settings(postfix.submissionPort(), "STARTTLS_REQUIRED");
        settings.setMaxMessagesPerConnection(1);
        settings.setUsername(ADDRESS);
        settings.setOauth2TokenUrl(tokens.url().toString());
        settings.setOauth2ClientId("mailroom");
        settings.setOauth2ClientSecret(CLIENT_SECRET);
        settings.setOauth2RefreshToken(REFRESH_TOKEN);
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(TestMailroom.emailTo("XOAUTH2 first", ADDRESS));
            String rotated = tokens.refreshToken();
            tokens.revokeAccessTokens(); // expired: Dovecot's introspection now says inactive
            mailroom.send(TestMailroom.emailTo("XOAUTH2 second", ADDRESS));

            assertEquals(rotated, tokens.requests().get(1).get("refresh_token"));
        }
        assertEquals("XOAUTH2 first", delivered("XOAUTH2 first").getSubject());
        assertEquals("XOAUTH2 second", delivered("XOAUTH2 second").getSubject());
        List<String> submission = postfix.log("submission");
        assertEquals(2, submission.stream().filter(l -> l.contains("sasl_method=XOAUTH2")).count(), submission.toString());
        assertTrue(submission.stream().anyMatch(l -> l.contains(" auth=0/1 ")), "the expired token was refused: " + submission);
    }

    @Test
    void aCertificateForAnotherNameIsRefused() throws Exception {
        MailConnectionException e = assertThrows(MailConnectionException.class,
                () -> send(login(settings(postfix.wrongNamePort(), "SSL_IMPLICIT"), null), "Wrong name"));

        assertTrue(e.getMessage().startsWith("MAILROOM-2020 TLS with SMTP server 127.0.0.1:" + postfix.wrongNamePort()),
                e.getMessage());
    }

    @Test
    void startTlsRequiredAgainstAServerWithoutStartTlsSendsNoAuth() throws Exception {
        MailConnectionException e = assertThrows(MailConnectionException.class,
                () -> send(login(settings(postfix.plainPort(), "STARTTLS_REQUIRED"), null), "Stripped"));

        assertTrue(e.getMessage().startsWith("MAILROOM-2021"), e.getMessage());
        assertTrue(postfix.sessions("plain").stream().anyMatch(l -> l.contains(" ehlo=1")), postfix.log("plain").toString());
        assertNoAuthOnThePlaintextPort();
    }

    @Test
    void sslAutoFindsTheSubmissionPortAmongClosedAndPlaintextOnes() throws Exception {
        SmtpManagedConnectionFactory settings = login(settings(0, "SSL_AUTO"), null);
        settings.setPort(null);
        settings.setProbePorts(closedPort() + "," + postfix.plainPort() + "," + postfix.submissionPort());
        send(settings, "Probed");

        assertEquals("Probed", delivered("Probed").getSubject());
        assertNoAuthOnThePlaintextPort();
    }

    @Test
    void autoWithAWrongPasswordReportsTheRefusedPassword() throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.withLogin(settings(0, "AUTO"), ADDRESS, "not-" + PASSWORD);
        settings.setPort(null);
        settings.setProbePorts(postfix.smtpsPort() + "," + postfix.plainPort());

        PermanentDeliveryException e = assertThrows(PermanentDeliveryException.class, () -> send(settings, "Refused"));

        assertTrue(e.getMessage().startsWith("MAILROOM-2005 authentication failed for user " + ADDRESS + " on 127.0.0.1:"
                + postfix.smtpsPort() + " with mechanism LOGIN: 535"), e.getMessage());
        assertNoAuthOnThePlaintextPort();
    }

    @Test
    void socks5ThroughDanteWithUsernameAndPassword() throws Exception {
        try (ProxyDaemons.Proxy dante = ProxyDaemons.dante()) {
            SmtpManagedConnectionFactory settings = login(settings(postfix.smtpsPort(), "SSL_IMPLICIT"), null);
            settings.setHost("localhost");
            proxy(settings, "SOCKS5", dante.port(), ProxyDaemons.SOCKS_USER, ProxyDaemons.SOCKS_PASSWORD);
            send(settings, "Via Dante");

            assertEquals("Via Dante", delivered("Via Dante").getSubject());
            assertTrue(dante.logText().contains("username%" + ProxyDaemons.SOCKS_USER + "@"), dante.logText());
        }
    }

    @Test
    void httpConnectThroughTinyproxyWithBasicAuthentication() throws Exception {
        try (ProxyDaemons.Proxy tinyproxy = ProxyDaemons.tinyproxy()) {
            SmtpManagedConnectionFactory settings = login(settings(postfix.submissionPort(), "STARTTLS_REQUIRED"), null);
            proxy(settings, "HTTP", tinyproxy.port(), ProxyDaemons.HTTP_USER, ProxyDaemons.HTTP_PASSWORD);
            send(settings, "Via tinyproxy");

            assertEquals("Via tinyproxy", delivered("Via tinyproxy").getSubject());
            assertTrue(tinyproxy.logText().contains("CONNECT 127.0.0.1:" + postfix.submissionPort()), tinyproxy.logText());
        }
    }

    @Test
    void aProxyPasswordDanteRefusesIsReported() throws Exception {
        try (ProxyDaemons.Proxy dante = ProxyDaemons.dante()) {
            SmtpManagedConnectionFactory settings = login(settings(postfix.smtpsPort(), "SSL_IMPLICIT"), null);
            proxy(settings, "SOCKS5", dante.port(), ProxyDaemons.SOCKS_USER, "not-" + ProxyDaemons.SOCKS_PASSWORD);

            MailConnectionException e = assertThrows(MailConnectionException.class, () -> send(settings, "Refused"));

            assertTrue(e.getMessage().contains("the SOCKS5 proxy refused the username/password of user "
                    + ProxyDaemons.SOCKS_USER), e.getMessage());
        }
    }

    /** @return lines of 78 with some starting with one or two dots, one line a lone dot, one ending in a bare LF */
    private static String dottedBody(int size) {
        StringBuilder text = new StringBuilder(size + 100);
        text.append(".\r\n..\r\nbare line feed\n");
        for (int i = 0; text.length() < size; i++) {
            text.append(i % 5 == 0 ? "." : i % 7 == 0 ? ".." : "").append(String.format("%08d", i)).append("y".repeat(68))
                    .append("\r\n");
        }
        return text.toString();
    }

    private static String lastSession(String service) throws IOException {
        List<String> sessions = postfix.sessions(service);
        return sessions.get(sessions.size() - 1);
    }

    /** No test may send credentials to the plaintext port, though it offers AUTH: Postfix's log says which commands came. */
    private static void assertNoAuthOnThePlaintextPort() throws IOException {
        List<String> sessions = postfix.sessions("plain");
        assertFalse(sessions.isEmpty());
        assertTrue(sessions.stream().noneMatch(l -> l.contains("auth=")), sessions.toString());
    }

    private SmtpManagedConnectionFactory settings(int port, String security) {
        SmtpManagedConnectionFactory settings = TestMailroom.secure(port, security);
        settings.debugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        return settings;
    }

    private static SmtpManagedConnectionFactory login(SmtpManagedConnectionFactory settings, String mechanism) {
        settings.setAuthMechanisms(mechanism);
        return TestMailroom.withLogin(settings, ADDRESS, PASSWORD);
    }

    private static void proxy(SmtpManagedConnectionFactory settings, String type, int port, String user, String password) {
        settings.setProxyType(type);
        settings.setProxyHost("127.0.0.1");
        settings.setProxyPort(port);
        settings.setProxyUsername(user);
        settings.setProxyPassword(password);
    }

    private void send(SmtpManagedConnectionFactory settings, String subject) throws Exception {
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(TestMailroom.emailTo(subject, ADDRESS));
        } catch (MailException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                failures.append(t).append('\n');
            }
            throw e;
        }
    }

    /** @return the message with this subject in the mailbox, once Postfix delivered it */
    private static MimeMessage delivered(String subject) throws Exception {
        return postfix.delivered(USER, subject);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}
