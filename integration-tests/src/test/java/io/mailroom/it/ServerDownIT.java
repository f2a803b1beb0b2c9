package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailConnectionFactory;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server: {@code mail/down} points at a loopback port where nothing listens.
 * A send fails promptly with an exception naming host and port; it does not hang.
 */
@ExtendWith(ArquillianExtension.class)
class ServerDownIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(ServerDownIT.class);
    }

    @Test
    void aSendToADownServerFailsNamingHostAndPort() throws Exception {
        int port = TestSmtpServers.port("mailroom.it.closed.port");
        MailConnectionFactory factory = ItServer.lookup("mail/down");
        Email email = Email.builder().to("a@example.com").subject("x").text("x").build();

        // The hang guard is far above the 2 s connect timeout; it only turns a hang into a failure.
        MailConnectionException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (MailConnection mail = factory.getConnection()) {
                return assertThrows(MailConnectionException.class, () -> mail.send(email));
            }
        });
        assertEquals("127.0.0.1", e.host());
        assertEquals(port, e.port());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().startsWith("MAILROOM-2001"), e.getMessage());
    }
}
