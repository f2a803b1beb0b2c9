package io.mailroom.it;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** A CDI bean sending through the LocalTransaction factory ({@code mail/local}) in container-managed transactions. */
@ApplicationScoped
public class LocalTransactionMailer {
    MailConnectionFactory mail;

    @PostConstruct
    void lookUp() {
        mail = ItServer.lookup("mail/local");
    }

    /** Sends and commits. */
    @Transactional
    public void sendAndCommit(Email email) {
        send(email);
    }

    /** Sends, then fails: the transaction rolls back. */
    @Transactional
    public void sendThenThrow(Email email) {
        send(email);
        throw new IllegalStateException("the order could not be saved");
    }

    private void send(Email email) {
        try (MailConnection connection = mail.getConnection()) {
            connection.send(email);
        }
    }
}
