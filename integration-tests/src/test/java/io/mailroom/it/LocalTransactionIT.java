package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
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
 * A connection factory configured {@code transactionSupportLevel=LocalTransaction} ({@code mail/local},
 * {@code mail/local2}), in the server with its transaction manager: mail sent in a transaction is
 * delivered once if it commits and never if it rolls back, and the server really drives the
 * factory's connections as one-phase resources (the adapter's {@code LocalTransaction}), not XA.
 *
 * <p>The proof of the last is the servers' own rule, not a counter of ours: a global transaction
 * may hold at most one resource that can only commit in one phase (Liberty: {@code WTRN0062E}
 * without last-participant support for more; Narayana: one last resource, LRCO). Two XA factories
 * share a transaction and commit in two phases ({@code TransactionIT}); two LocalTransaction
 * factories cannot, on either server.
 */
@ExtendWith(ArquillianExtension.class)
class LocalTransactionIT {
    private Mailbox mailbox;
    private MailConnectionFactory local;

    @Inject
    LocalTransactionMailer mailer;

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(LocalTransactionIT.class, LocalTransactionMailer.class);
    }

    @BeforeEach
    void setUp() throws Exception {
        mailbox = TestSmtpServers.mailbox().reset();
        local = ItServer.lookup("mail/local");
    }

    @Test
    void aUserTransactionCommitDeliversTheMessageOnceAndNothingBefore() throws Exception {
        UserTransaction tx = userTransaction();
        tx.begin();
        SendReceipt receipt;
        try (MailConnection mail = local.getConnection()) {
            receipt = mail.send(email("local committed"));
        }
        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        Thread.sleep(500);
        assertEquals(0, mailbox.count("local committed"), "nothing may leave before commit");
        tx.commit();

        awaitSubject("local committed");
        drain(local);
        assertEquals(1, mailbox.count("local committed"), "delivered exactly once");
    }

    @Test
    void aUserTransactionRollbackIsNeverDelivered() throws Exception {
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection mail = local.getConnection()) {
            mail.send(email("local rolled back"));
        }
        tx.rollback();
        drain(local);
        assertEquals(0, mailbox.count("local rolled back"));
    }

    @Test
    void aTransactionalBeanCommitsOnceAndItsRollbackIsNeverDelivered() throws Exception {
        mailer.sendAndCommit(email("local cdi committed"));
        assertThrows(IllegalStateException.class, () -> mailer.sendThenThrow(email("local cdi thrown")));
        awaitSubject("local cdi committed");
        drain(local);
        assertEquals(1, mailbox.count("local cdi committed"));
        assertEquals(0, mailbox.count("local cdi thrown"));
    }

    /**
     * The server enlisted the connection as a one-phase resource: it refuses a second one in the
     * same transaction, and nothing of that transaction is delivered. With XATransaction both
     * would enlist and both messages would arrive.
     */
    @Test
    void theServerRefusesASecondOnePhaseResourceInOneTransaction() throws Exception {
        MailConnectionFactory local2 = ItServer.lookup("mail/local2");
        UserTransaction tx = userTransaction();
        tx.begin();
        Exception refused = null;
        try (MailConnection a = local.getConnection(); MailConnection b = local2.getConnection()) {
            a.send(email("one-phase a"));
            b.send(email("one-phase b"));
        } catch (RuntimeException e) {
            refused = e;
        }
        if (refused == null) {
            try {
                tx.commit();
            } catch (Exception e) {
                refused = e;
            }
        } else if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
            tx.rollback();
        }
        drain(local);
        drain(local2);
        assertNotNull(refused, "two one-phase resources in one transaction: the server must refuse the second"
                + " (it did not, so it drove them as XA resources); delivered a=" + mailbox.count("one-phase a")
                + ", b=" + mailbox.count("one-phase b"));
        assertEquals(0, mailbox.count("one-phase a") + mailbox.count("one-phase b"),
                "nothing of the refused transaction is delivered; refused with " + refused);
    }

    /**
     * Beside an XA resource ({@code mail/it}) the one-phase resource is the last participant: the
     * server prepares the XA branch, commits Mailroom's local transaction, then the XA branch. Both
     * servers allow that by default (Liberty: {@code acceptHeuristicHazard} defaults to true; WildFly:
     * Narayana's LRCO), and both messages arrive once.
     */
    @Test
    void besideAnXaResourceItIsCommittedLastAndBothArriveOnce() throws Exception {
        MailConnectionFactory xa = ItServer.lookup("mail/it");
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection a = xa.getConnection(); MailConnection b = local.getConnection()) {
            a.send(email("mixed xa"));
            b.send(email("mixed local"));
        }
        tx.commit();
        awaitSubject("mixed xa");
        awaitSubject("mixed local");
        drain(xa);
        drain(local);
        assertEquals(1, mailbox.count("mixed xa"));
        assertEquals(1, mailbox.count("mixed local"));
        assertEquals(0, xa.outboxStatus().inDoubt(), "the XA branch was completed");
    }

    private static UserTransaction userTransaction() throws Exception {
        return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
    }

    private static Email email(String subject) {
        return Email.builder().to("customer@example.com").subject(subject).text("text of " + subject).build();
    }

    /** Commits a marker through the factory's outbox and waits for it: its queue has drained past what came before. */
    private void drain(MailConnectionFactory factory) throws Exception {
        String marker = "marker " + UUID.randomUUID();
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection mail = factory.getConnection()) {
            mail.send(email(marker));
        }
        tx.commit();
        awaitSubject(marker);
    }

    private void awaitSubject(String subject) throws Exception {
        Mailbox.await(() -> mailbox.count(subject) != 0);
        assertEquals(1, mailbox.count(subject), subject + " did not arrive within 30 s");
    }
}
