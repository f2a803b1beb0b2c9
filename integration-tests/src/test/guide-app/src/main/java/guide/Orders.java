package guide;

import io.mailroom.api.Email;
import io.mailroom.cdi.MailSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The README's five-minute start: a transactional method that sends mail, and may then fail. */
@ApplicationScoped
public class Orders {
    @Inject
    MailSender mail;

    @Transactional
    public void place(String subject, boolean fail) {
        mail.send(Email.builder().to("customer@example.com").subject(subject).text("Thank you!").build());
        if (fail) {
            throw new IllegalStateException("order " + subject + " failed after sending: rolled back");
        }
    }
}
