package io.mailroom.cdi;

import io.mailroom.api.MailConnectionFactory;
import javax.naming.NamingException;

/** Finds a sender's connection factory. In a server: JNDI ({@link JndiConnectionFactoryLocator}). */
public interface ConnectionFactoryLocator {

    /**
     * @param jndiName the factory's JNDI name, for example {@code mail/mailroom}
     * @return the factory
     * @throws NamingException if there is none, or it is not a Mailroom factory
     */
    MailConnectionFactory locate(String jndiName) throws NamingException;
}
