package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.UUID;
import javax.naming.InitialContext;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promise every connection factory keeps inside the server's transactions, whatever its
 * {@code transactionSupportLevel}: mail sent in a transaction is delivered once if the transaction
 * commits, and never if it rolls back (by {@code UserTransaction}, by an application exception in a
 * {@code @Transactional} bean, or by {@code setRollbackOnly}). Each subclass names its factory,
 * deploys itself and adds what is particular to its level.
 *
 * <p>Every "never delivered" check waits until a later, committed marker message has arrived, so
 * the delivery queue has drained past the message that must not come.
 */
abstract class TransactionContract {
    Mailbox mailbox;
    MailConnectionFactory factory;

    @Inject
    TransactionalMailer mailer;

    /** @return the factory under test, as Liberty names it in JNDI, for example {@code mail/it} */
    abstract String factoryName();

    @BeforeEach
    void setUp() throws Exception {
        mailbox = TestSmtpServers.mailbox().reset();
        factory = ItServer.lookup(factoryName());
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
    void aTransactionalBeanCommitsOnce() throws Exception {
        mailer.sendAndCommit(factory, email("bean committed"));
        awaitSubject("bean committed");
        drainWithMarker();
        assertEquals(1, mailbox.count("bean committed"));
    }

    @Test
    void aRollbackByApplicationExceptionIsNeverDelivered() throws Exception {
        assertThrows(IllegalStateException.class, () -> mailer.sendThenThrow(factory, email("thrown")));
        drainWithMarker();
        assertEquals(0, mailbox.count("thrown"));
    }

    @Test
    void aRollbackBySetRollbackOnlyIsNeverDelivered() throws Exception {
        // The @Transactional interceptor rolls back quietly: no exception reaches the caller.
        mailer.sendThenSetRollbackOnly(factory, email("rollback-only"));
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

    /**
     * Begins a transaction and sends one message through each factory, each on a connection of its
     * own; the transaction is left open for the caller to end.
     */
    static UserTransaction beginAndSend(MailConnectionFactory a, String subjectA, MailConnectionFactory b,
                                        String subjectB) throws Exception {
        UserTransaction tx = userTransaction();
        tx.begin();
        try (MailConnection first = a.getConnection(); MailConnection second = b.getConnection()) {
            first.send(email(subjectA));
            second.send(email(subjectB));
        }
        return tx;
    }

    /** What each subclass deploys: the test class with this one and the CDI bean. */
    static EnterpriseArchive deployment(Class<? extends TransactionContract> testClass) {
        return ItDeployment.ear(testClass, TransactionContract.class, TransactionalMailer.class);
    }

    static UserTransaction userTransaction() throws Exception {
        return (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
    }

    static Email email(String subject) {
        return Email.builder().to("customer@example.com").subject(subject).text("text of " + subject).build();
    }

    /** Commits a marker through the factory under test and waits for it: its queue has drained past what came before. */
    void drainWithMarker() throws Exception {
        drainWithMarker(factory);
    }

    /** The same through another factory, for its own outbox. */
    void drainWithMarker(MailConnectionFactory other) throws Exception {
        String marker = "marker " + UUID.randomUUID();
        mailer.sendAndCommit(other, email(marker));
        awaitSubject(marker);
    }

    void awaitSubject(String subject) throws Exception {
        Mailbox.await(() -> mailbox.count(subject) != 0);
        assertEquals(1, mailbox.count(subject), subject + " did not arrive within 30 s");
    }
}
