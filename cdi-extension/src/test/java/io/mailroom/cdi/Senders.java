package io.mailroom.cdi;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** An application bean with the default sender and a named one (a singleton, so tests read its fields directly). */
@Singleton
public class Senders {
    @Inject
    MailSender mail;

    @Inject
    @Mailer("billing")
    MailSender billing;
}
