package io.mailroom.adapter;

import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterEach;

/** The fixture of the TLS tests: one scripted server per test, the test certificates, one login. */
abstract class ScriptedTlsServerTest {
    static final String USER = "mailer";
    static final String PASSWORD = "pa55-for-tls";
    final TestCertificates certificates = TestCertificates.get();
    ScriptedSmtpServer smtp;

    @AfterEach
    void stopServer() {
        smtp.close();
    }

    /** Makes the server accept {@link #USER} with {@link #PASSWORD}, and the client log in with them. */
    SmtpManagedConnectionFactory authenticating(SmtpManagedConnectionFactory settings) {
        smtp.acceptLogins((user, secret) -> user.equals(USER) && secret.equals(PASSWORD));
        return TestMailroom.withLogin(settings, USER, PASSWORD);
    }
}
