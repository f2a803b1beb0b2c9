package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connection factories for one relay: by default each gets its own outbox, and two factories
 * with different settings are refused one explicit directory, instead of one delivering the
 * other's mail with its own account.
 */
class SharedOutboxTest {
    private static final String DATA_DIR = "jboss.server.data.dir";

    @TempDir
    Path data;

    private ScriptedSmtpServer smtp;
    private TestMailroom alice;
    private TestMailroom bob;
    private String previousDataDir;

    @BeforeEach
    void start() throws Exception {
        previousDataDir = System.getProperty(DATA_DIR);
        System.setProperty(DATA_DIR, data.toString()); // where the default outbox directory goes
        smtp = ScriptedSmtpServer.start().acceptLogins((user, password) -> true);
    }

    @AfterEach
    void stop() {
        if (bob != null) {
            bob.close();
        }
        if (alice != null) {
            alice.close();
        }
        smtp.close();
        if (previousDataDir == null) {
            System.clearProperty(DATA_DIR);
        } else {
            System.setProperty(DATA_DIR, previousDataDir);
        }
    }

    @Test
    void twoAccountsOnOneRelayGetTheirOwnOutboxAndEachDeliversWithItsOwnLogin() throws Exception {
        alice = new TestMailroom(account("alice", ""), 1);
        bob = new TestMailroom(account("bob", ""), 1);

        alice.enqueue(TestMailroom.email("from alice"));
        Await.until(() -> smtp.messages().size() == 1);
        bob.enqueue(TestMailroom.email("from bob"));
        Await.until(() -> smtp.messages().size() == 2);

        assertTrue(smtp.logins().stream().anyMatch(l -> l.user().equals("alice")), smtp.logins().toString());
        assertTrue(smtp.logins().stream().anyMatch(l -> l.user().equals("bob")), smtp.logins().toString());
        assertEquals(1, smtp.logins().stream().filter(l -> l.user().equals("bob")).count(), smtp.logins().toString());
    }

    @Test
    void twoFactoriesWithDifferentSettingsOnOneExplicitDirectoryAreRefusedNamingBoth() throws Exception {
        String shared = data.resolve("shared").toString();
        SmtpManagedConnectionFactory first = account("alice", shared);
        first.setConfigName("billing");
        SmtpManagedConnectionFactory second = account("bob", shared);
        second.setConfigName("newsletter");
        alice = new TestMailroom(first, 1);

        ResourceException e = assertThrows(ResourceException.class, () -> new TestMailroom(second, 1));
        String message = e.getMessage();
        assertTrue(message.contains("MAILROOM-4013") && message.contains("'billing'") && message.contains("'newsletter'")
                && message.contains("outboxDirectory") && message.contains("username") && !message.contains("secret"), message);
    }

    @Test
    void twoFactoriesWithTheSameSettingsShareOneExplicitDirectory() throws Exception {
        String shared = data.resolve("shared").toString();
        alice = new TestMailroom(account("alice", shared), 1);
        bob = new TestMailroom(account("alice", shared), 1);
        alice.enqueue(TestMailroom.email("one"));
        bob.enqueue(TestMailroom.email("two"));

        Await.until(() -> smtp.messages().size() == 2);
    }

    private SmtpManagedConnectionFactory account(String user, String outboxDirectory) {
        SmtpManagedConnectionFactory settings = TestMailroom.withLogin(TestMailroom.settings(smtp.port()), user, "secret-" + user);
        settings.setSecurity("NONE");
        settings.setAllowPlaintextAuth(true);
        settings.setOutboxDirectory(outboxDirectory); // empty: the default directory
        return settings;
    }
}
