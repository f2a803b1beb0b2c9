package io.mailroom.it;

import io.mailroom.api.Email;
import io.mailroom.cdi.MailSender;
import io.mailroom.cdi.template.MailTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Locale;

/** An application bean sending a templated mail and a meeting request in one transaction. */
@ApplicationScoped
public class ContentShop {
    /** The data of the test template {@code it-order}. */
    public record ItOrder(String number, String note) {
    }

    @Inject
    MailTemplates templates;

    @Inject
    MailSender mail;

    @Transactional
    public void sendBoth(ItOrder order, String to, Email invitation) {
        mail.send(templates.render("it-order", Locale.GERMAN, order).to(to).build());
        mail.send(invitation);
    }
}
