package io.mailroom.it;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** A CDI bean as an application writes one: sends mail inside a container-managed transaction. */
@ApplicationScoped
public class TransactionalMailer {
    MailConnectionFactory mail;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @PostConstruct
    void lookUp() {
        mail = ItServer.lookup("mail/it");
    }

    /** Sends, then fails: the transaction rolls back. */
    @Transactional
    public void sendThenThrow(Email email) {
        send(email);
        throw new IllegalStateException("the order could not be saved");
    }

    /** Sends, then marks the transaction rollback-only without throwing. */
    @Transactional
    public void sendThenSetRollbackOnly(Email email) {
        send(email);
        transaction.setRollbackOnly();
    }

    /** Sends and commits. */
    @Transactional
    public void sendAndCommit(Email email) {
        send(email);
    }

    private void send(Email email) {
        try (MailConnection connection = mail.getConnection()) {
            connection.send(email);
        }
    }
}
