package io.mailroom.admin;

import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.OutboxAdmin;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which connection factory's outbox the module administers: the JNDI name in the MicroProfile
 * Config key {@value #JNDI_NAME}, else the CDI extension's {@value #DEFAULT_SENDER_KEY}, else
 * {@value #DEFAULT_JNDI_NAME}. Looked up on each request, so the module survives a redeployment
 * of the adapter.
 */
final class AdminSettings {
    static final String JNDI_NAME = "mailroom.admin.jndi-name";
    static final String DEFAULT_SENDER_KEY = "mailroom.jndi-name";
    static final String DEFAULT_JNDI_NAME = "mail/mailroom";

    private AdminSettings() {
    }

    /** @return the configured JNDI name */
    static String jndiName() {
        Config config = ConfigProvider.getConfig(AdminSettings.class.getClassLoader());
        return config.getOptionalValue(JNDI_NAME, String.class)
                .or(() -> config.getOptionalValue(DEFAULT_SENDER_KEY, String.class))
                .orElse(DEFAULT_JNDI_NAME);
    }

    /**
     * @return the admin view of the configured factory's outbox
     * @throws IllegalStateException {@code MAILROOM-7900}/{@code 7901} naming the key and the JNDI name
     */
    static OutboxAdmin outboxAdmin() {
        String name = jndiName();
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(AdminMessages.factoryNotFound(JNDI_NAME, name, e), e);
        }
        if (!(found instanceof MailConnectionFactory factory)) {
            throw new IllegalStateException(AdminMessages.notAFactory(JNDI_NAME, name, found));
        }
        return factory.outboxAdmin();
    }
}
