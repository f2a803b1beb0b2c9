package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server with its transaction manager, on the XA factory {@code mail/it}: the
 * promise of {@link TransactionContract}, and two-phase commit with a second resource manager.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionIT extends TransactionContract {
    @Deployment
    static EnterpriseArchive deployment() {
        return deployment(TransactionIT.class);
    }

    @Override
    String factoryName() {
        return "mail/it";
    }

    @Test
    void twoResourcesCommitInTwoPhasesAndBothDeliver() throws Exception {
        MailConnectionFactory second = ItServer.lookup("mail/second");
        beginAndSend(factory, "two-phase-a", second, "two-phase-b").commit();
        awaitSubject("two-phase-a");
        awaitSubject("two-phase-b");
        drainWithMarker();
        assertEquals(1, mailbox.count("two-phase-a"));
        assertEquals(1, mailbox.count("two-phase-b"));
        assertEquals(0, factory.outboxStatus().inDoubt());
        assertEquals(0, second.outboxStatus().inDoubt());
    }

    @Test
    void aPreparedBranchIsRolledBackWhenTheOtherResourceFailsToPrepare() throws Exception {
        MailConnectionFactory tiny = ItServer.lookup("mail/tiny");
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection a = factory.getConnection(); MailConnection b = tiny.getConnection()) {
            a.send(email("prepared-then-rolled-back"));
            // Two megabytes do not fit in mail/tiny's one-megabyte outbox: its prepare fails.
            b.send(Email.builder().to("big@example.com").subject("too big").text("x".repeat(2 * 1024 * 1024)).build());
        }
        RollbackException e = assertThrows(RollbackException.class, tx::commit);
        assertTrue(String.valueOf(e).length() > 0);
        drainWithMarker();
        assertEquals(0, mailbox.count("prepared-then-rolled-back"));
        assertEquals(0, mailbox.count("too big"));
        assertEquals(0, factory.outboxStatus().inDoubt(), "no branch is left in doubt");
    }
}
