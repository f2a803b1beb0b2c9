package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import jakarta.inject.Inject;
import jakarta.transaction.RollbackException;
import jakarta.transaction.UserTransaction;
import java.util.UUID;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server with its transaction manager: mail sent in a transaction is delivered
 * if and only if the transaction commits. Every "never delivered" check waits until a later,
 * committed marker message has arrived, so the delivery queue has drained past the message that
 * must not come.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionIT {
    private Mailbox mailbox;
    private MailConnectionFactory factory;

    @Inject
    TransactionalMailer mailer;

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(TransactionIT.class, TransactionalMailer.class);
    }

    @BeforeEach
    void setUp() throws Exception {
        mailbox = TestSmtpServers.mailbox().reset();
        factory = ItServer.lookup("mail/it");
    }

    @Test
    void nothingReachesTheServerBeforeCommitAndTheMessageArrivesOnceAfter() throws Exception {
        UserTransaction tx = userTransaction();
        tx.begin();
        SendReceipt receipt;
        try (MailConnection mail = factory.getConnection()) {
            receipt = mail.send(email("committed"));
        }
        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        Thread.sleep(500);
        assertEquals(0, mailbox.received().size(), "nothing may leave before commit");
        tx.commit();

        awaitSubject("committed");
        drainWithMarker();
        assertEquals(1, mailbox.count("committed"), "delivered exactly once");
    }

    @Test
    void aRollbackByApplicationExceptionIsNeverDelivered() throws Exception {
        assertThrows(IllegalStateException.class, () -> mailer.sendThenThrow(email("thrown")));
        drainWithMarker();
        assertEquals(0, mailbox.count("thrown"));
    }

    @Test
    void aRollbackBySetRollbackOnlyIsNeverDelivered() throws Exception {
        // The @Transactional interceptor rolls back quietly: no exception reaches the caller.
        mailer.sendThenSetRollbackOnly(email("rollback-only"));
        drainWithMarker();
        assertEquals(0, mailbox.count("rollback-only"));
    }

    @Test
    void aUserTransactionRollbackIsNeverDelivered() throws Exception {
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection mail = factory.getConnection()) {
            mail.send(email("user-rollback"));
        }
        tx.rollback();
        drainWithMarker();
        assertEquals(0, mailbox.count("user-rollback"));
    }

    @Test
    void twoResourcesCommitInTwoPhasesAndBothDeliver() throws Exception {
        MailConnectionFactory second = ItServer.lookup("mail/second");
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection a = factory.getConnection(); MailConnection b = second.getConnection()) {
            a.send(email("two-phase-a"));
            b.send(email("two-phase-b"));
        }
        tx.commit();
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

    private static UserTransaction userTransaction() throws Exception {
        return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
    }

    private Email email(String subject) {
        return Email.builder().to("customer@example.com").subject(subject).text("text of " + subject).build();
    }

    /** Commits a marker after the message under test and waits for it: the queue has drained past it. */
    private void drainWithMarker() throws Exception {
        String marker = "marker " + UUID.randomUUID();
        mailer.sendAndCommit(email(marker));
        awaitSubject(marker);
    }

    private void awaitSubject(String subject) throws Exception {
        Mailbox.await(() -> mailbox.count(subject) != 0);
        assertEquals(1, mailbox.count(subject), subject + " did not arrive within 30 s");
    }
}
