package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mailroom.api.MailConnectionFactory;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection factory configured {@code transactionSupportLevel=LocalTransaction} ({@code mail/local};
 * {@code mail/local2} is a second one), in the server with its transaction manager: the promise of
 * {@link TransactionContract}, and proof that the server really drives the factory's connections
 * as one-phase resources (the adapter's {@code LocalTransaction}), not XA.
 *
 * <p>The proof is the servers' own rule, not a counter of ours: a global transaction may hold at
 * most one resource that can only commit in one phase (Liberty: {@code WTRN0062E}; Narayana:
 * {@code ARJUNA012140}, one last resource). Two XA factories share a transaction and commit in two
 * phases ({@link TransactionIT}); two LocalTransaction factories cannot, on either server.
 */
@ExtendWith(ArquillianExtension.class)
class LocalTransactionIT extends TransactionContract {
    @Deployment
    static EnterpriseArchive deployment() {
        return deployment(LocalTransactionIT.class);
    }

    @Override
    String factoryName() {
        return "mail/local";
    }

    /**
     * The server enlisted the connection as a one-phase resource: it refuses a second one in the
     * same transaction, and nothing of that transaction is delivered. With XATransaction both
     * would enlist and both messages would arrive.
     */
    @Test
    void theServerRefusesASecondOnePhaseResourceInOneTransaction() throws Exception {
        MailConnectionFactory local2 = ItServer.lookup("mail/local2");
        Exception refused = null;
        try {
            beginAndSend(factory, "one-phase a", local2, "one-phase b").commit();
        } catch (Exception e) {
            refused = e;
        }
        UserTransaction tx = userTransaction();
        if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
            tx.rollback();
        }
        drainWithMarker();
        drainWithMarker(local2);
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
        beginAndSend(xa, "mixed xa", factory, "mixed local").commit();
        awaitSubject("mixed xa");
        awaitSubject("mixed local");
        drainWithMarker(xa);
        drainWithMarker();
        assertEquals(1, mailbox.count("mixed xa"));
        assertEquals(1, mailbox.count("mixed local"));
        assertEquals(0, xa.outboxStatus().inDoubt(), "the XA branch was completed");
    }
}
