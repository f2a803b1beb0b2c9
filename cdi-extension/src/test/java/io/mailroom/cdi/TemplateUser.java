package io.mailroom.cdi;

import io.mailroom.cdi.template.MailTemplates;
import jakarta.inject.Inject;

/** An application bean using templates and the default sender, as the README shows. */
public class TemplateUser {
    @Inject
    MailTemplates templates;

    @Inject
    MailSender mail;
}
