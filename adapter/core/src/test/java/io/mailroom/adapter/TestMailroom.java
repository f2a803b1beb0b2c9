package io.mailroom.adapter;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.TestCertificates;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mailroom as an application outside a server uses it: a {@link SmtpManagedConnectionFactory}
 * set up with its setters, on a {@link StandaloneConnectionManager}, pointed at an SMTP server on
 * loopback. Also the shared fixtures of the adapter tests.
 */
final class TestMailroom implements AutoCloseable {
    static final String FROM = "shop@sender.test";
    static final String TO = "customer@receiver.test";

    private final SmtpResourceAdapter adapter = new SmtpResourceAdapter();
    private final StandaloneConnectionManager pool;
    private final MailConnectionFactory factory;

    TestMailroom(SmtpManagedConnectionFactory settings, int poolSize) throws ResourceException {
        adapter.start(null);
        settings.setResourceAdapter(adapter);
        if (settings.getOutboxDirectory() == null) {
            settings.setOutboxDirectory(temporaryOutbox().toString());
        }
        this.pool = new StandaloneConnectionManager(poolSize, 5_000);
        this.factory = (MailConnectionFactory) settings.createConnectionFactory(pool);
    }

    private static Path temporaryOutbox() {
        try {
            return Files.createTempDirectory("mailroom-outbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return Mailroom with a pool of one, sending to 127.0.0.1:port */
    static TestMailroom on(int port) throws ResourceException {
        return new TestMailroom(settings(port), 1);
    }

    /** @return settings for 127.0.0.1:port with timeouts short enough for tests */
    static SmtpManagedConnectionFactory settings(int port) {
        SmtpManagedConnectionFactory settings = new SmtpManagedConnectionFactory();
        settings.setHost("127.0.0.1");
        settings.setPort(port);
        settings.setEhloName("mailroom.test");
        settings.setConnectTimeoutMillis(5_000);
        settings.setReadTimeoutMillis(5_000);
        settings.setWriteTimeoutMillis(5_000);
        return settings;
    }

    /** @return settings for 127.0.0.1:port with the outbox in {@code outbox} and retries within 50 to 200 ms */
    static SmtpManagedConnectionFactory quickRetries(int port, Path outbox) {
        SmtpManagedConnectionFactory settings = settings(port);
        settings.setOutboxDirectory(outbox.toString());
        settings.setRetryInitialDelayMillis(50);
        settings.setRetryMaxDelayMillis(200);
        return settings;
    }

    /**
     * @param security the {@code security} mode
     * @return settings for 127.0.0.1:port in that mode, trusting the test certificate authority
     */
    static SmtpManagedConnectionFactory secure(int port, String security) {
        SmtpManagedConnectionFactory settings = settings(port);
        settings.setSecurity(security);
        settings.setTlsTrustPem(TestCertificates.get().caPem().toString());
        return settings;
    }

    /** @return the settings, logging in as the user with the password */
    static SmtpManagedConnectionFactory withLogin(SmtpManagedConnectionFactory settings, String user, String password) {
        settings.setUsername(user);
        settings.setPassword(password);
        return settings;
    }

    /** Sends one message with a pool of one, then closes everything. */
    static void sendOne(SmtpManagedConnectionFactory settings, String subject) throws ResourceException {
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(email(subject));
        }
    }

    /** @return a GreenMail SMTP server on a free loopback port, fresh for each test */
    static GreenMailExtension greenMail() {
        return new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    }

    /** @return a plain-text message from {@link #FROM} to {@link #TO} */
    static Email email(String subject) {
        return emailTo(subject, TO);
    }

    /** @return a plain-text message from {@link #FROM} to the given recipients */
    static Email emailTo(String subject, String... recipients) {
        return Email.builder().from(FROM).to(recipients).subject(subject).text("Hello from " + subject).build();
    }

    /** @return a handle from the pool; close it to give the connection back */
    MailConnection connection() {
        return factory.getConnection();
    }

    /** @return the connection factory, for outbox status and delivery listeners */
    MailConnectionFactory factory() {
        return factory;
    }

    /** Takes a connection, enqueues durably, and gives the connection back. */
    SendReceipt enqueue(Email email) {
        try (MailConnection mail = connection()) {
            return mail.enqueue(email);
        }
    }

    /** Takes a connection, sends, and gives the connection back. */
    SendReceipt send(Email email) {
        try (MailConnection mail = connection()) {
            return mail.send(email);
        }
    }

    /** Takes a connection, sends the message as is, and gives the connection back. */
    SendReceipt sendRaw(byte[] rfc5322, Envelope envelope) {
        try (MailConnection mail = connection()) {
            return mail.sendRaw(rfc5322, envelope);
        }
    }

    @Override
    public void close() {
        pool.close();
        adapter.stop();
    }
}
