package io.mailroom.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Tells whether the calling thread runs in an active JTA transaction. */
@ApplicationScoped
public class TransactionProbe {
    private static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private volatile TransactionSynchronizationRegistry registry;
    private volatile boolean absent;

    /** @return {@code true} inside an active (or rollback-only) transaction */
    public boolean inTransaction() {
        TransactionSynchronizationRegistry tsr = registry();
        if (tsr == null) {
            return false;
        }
        int status = tsr.getTransactionStatus();
        return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK;
    }

    private TransactionSynchronizationRegistry registry() {
        if (registry == null && !absent) {
            try {
                registry = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
            } catch (NamingException | RuntimeException e) {
                absent = true; // no transaction manager here (plain CDI, unit tests)
            }
        }
        return registry;
    }
}
