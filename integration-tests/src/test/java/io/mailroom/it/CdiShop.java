package io.mailroom.it;

import io.mailroom.api.Email;
import io.mailroom.cdi.MailSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** An application bean that sends with {@code @Inject MailSender} inside {@code @Transactional} methods. */
@ApplicationScoped
public class CdiShop {
    @Inject
    MailSender mail;

    @Transactional
    public String sendAndCommit(Email email) {
        return mail.send(email).get(0).messageId();
    }

    @Transactional
    public void sendThenThrow(Email email) {
        mail.send(email);
        throw new IllegalStateException("the order could not be saved");
    }
}
