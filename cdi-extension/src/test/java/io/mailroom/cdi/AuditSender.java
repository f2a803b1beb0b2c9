package io.mailroom.cdi;

import jakarta.inject.Singleton;
import jakarta.inject.Inject;

/** An application bean whose named sender has no configuration. */
@Singleton
public class AuditSender {
    @Inject
    @Mailer("audit")
    MailSender audit;
}
