package io.mailroom.adapter;

import io.mailroom.testsupport.ScriptedSmtpServer;
import java.nio.charset.StandardCharsets;

/**
 * A scripted SMTP server and Mailroom sending to it, for tests that hand the bytes the server
 * received to an outside verifier (the S/MIME and DKIM tests). Close it after each test.
 */
final class CapturedMail implements AutoCloseable {
    ScriptedSmtpServer smtp;
    TestMailroom mailroom;

    /**
     * Starts a scripted server on a free loopback port, and Mailroom sending to it.
     *
     * @param settings the factory's settings; their port is set to the server's
     * @param poolSize connections in the pool
     * @return this
     */
    CapturedMail start(SmtpManagedConnectionFactory settings, int poolSize) throws Exception {
        smtp = ScriptedSmtpServer.start();
        settings.setPort(smtp.port());
        mailroom = new TestMailroom(settings, poolSize);
        return this;
    }

    /** @return the DATA of the index-th message the server received, exactly as it arrived */
    byte[] received(int index) {
        return smtp.messages().get(index).data();
    }

    /** @return {@link #received(int)} as text, one char per byte */
    String text(int index) {
        return new String(received(index), StandardCharsets.ISO_8859_1);
    }

    /** Stops Mailroom (its outbox stays on disk); the server keeps running. */
    void stopMailroom() {
        if (mailroom != null) {
            mailroom.close();
            mailroom = null;
        }
    }

    @Override
    public void close() {
        stopMailroom();
        if (smtp != null) {
            smtp.close();
        }
    }
}
