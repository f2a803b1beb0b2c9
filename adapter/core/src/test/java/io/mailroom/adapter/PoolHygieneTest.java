package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionException;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import io.mailroom.api.PermanentDeliveryException;
import io.mailroom.api.MailException;
import io.mailroom.testsupport.ScriptedSmtpServer;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the pool relies on: validation, cleanup between users, and discarding broken connections. */
class PoolHygieneTest {
    @RegisterExtension
    final ScriptedServerExtension server = new ScriptedServerExtension();

    @Test
    void aConnectionTheServerDroppedIsReportedInvalid() throws Exception {
        SmtpManagedConnectionFactory factory = TestMailroom.settings(server.smtp().port());
        ManagedConnection mc = openedConnection(factory);
        server.smtp().dropAll();

        assertEquals(Set.of(mc), factory.getInvalidConnections(Set.of(mc)));
    }

    @Test
    void aHealthyConnectionIsReportedValidAfterANoop() throws Exception {
        SmtpManagedConnectionFactory factory = TestMailroom.settings(server.smtp().port());
        ManagedConnection mc = openedConnection(factory);

        assertEquals(Set.of(), factory.getInvalidConnections(Set.of(mc)));
        assertEquals("NOOP", last(server.smtp().commands()));
    }

    @Test
    void givingBackAConnectionAfterACompletedSendCostsNoRset() {
        try (MailConnection mail = server.mailroom().connection()) {
            mail.send(email("Completed"));
        }
        assertFalse(server.smtp().commands().contains("RSET"), server.smtp().commands().toString());
    }

    @Test
    void givingBackAConnectionAfterARefusedSendResetsItWithOneRset() {
        server.smtp().on(Step.MESSAGE).reply(554, "5.7.1 refused");
        try (MailConnection mail = server.mailroom().connection()) {
            assertThrows(PermanentDeliveryException.class, () -> mail.send(email("Refused")));
        }
        assertEquals("RSET", last(server.smtp().commands()));
        // The transport resets the refused transaction; giving the connection back adds no second RSET.
        assertEquals(1, server.smtp().commands().stream().filter("RSET"::equals).count(), server.smtp().commands().toString());
    }

    @Test
    void afterAConnectionErrorThePoolDiscardsTheConnectionAndTheNextOneWorks() throws Exception {
        int port = server.smtp().port();
        try (MailConnection mail = server.mailroom().connection()) {
            mail.send(email("Before the outage"));
            server.smtp().close();
            assertThrows(MailConnectionException.class, () -> mail.send(email("During the outage")));

            MailException dead = assertThrows(MailException.class, () -> mail.send(email("On the dead handle")));
            assertTrue(dead.getMessage().startsWith("MAILROOM-2004"), dead.getMessage());
        }
        try (ScriptedSmtpServer back = ScriptedSmtpServer.start(port, Duration.ofSeconds(30))) {
            server.mailroom().send(email("After the outage"));

            assertEquals(1, back.connectionsAccepted());
            assertTrue(back.messages().get(0).text().contains("Subject: After the outage"));
        }
    }

    /** @return a managed connection, taken outside any pool, whose SMTP connection is open */
    private static ManagedConnection openedConnection(SmtpManagedConnectionFactory factory) throws ResourceException {
        ManagedConnection mc = factory.createManagedConnection(null, null);
        ((MailConnection) mc.getConnection(null, null)).send(email("Opens the connection"));
        return mc;
    }

    private static String last(List<String> commands) {
        return commands.get(commands.size() - 1);
    }
}
