package io.mailroom.it;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** A CDI bean as an application writes one: sends mail inside a container-managed transaction. */
@ApplicationScoped
public class TransactionalMailer {
    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Sends through the factory, then fails: the transaction rolls back. */
    @Transactional
    public void sendThenThrow(MailConnectionFactory mail, Email email) {
        send(mail, email);
        throw new IllegalStateException("the order could not be saved");
    }

    /** Sends through the factory, then marks the transaction rollback-only without throwing. */
    @Transactional
    public void sendThenSetRollbackOnly(MailConnectionFactory mail, Email email) {
        send(mail, email);
        transaction.setRollbackOnly();
    }

    /** Sends through the factory and commits. */
    @Transactional
    public void sendAndCommit(MailConnectionFactory mail, Email email) {
        send(mail, email);
    }

    private static void send(MailConnectionFactory mail, Email email) {
        try (MailConnection connection = mail.getConnection()) {
            connection.send(email);
        }
    }
}
