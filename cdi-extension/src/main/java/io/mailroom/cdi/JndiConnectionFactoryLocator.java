package io.mailroom.cdi;

import io.mailroom.api.MailConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Looks connection factories up in the server's JNDI tree. */
@ApplicationScoped
public class JndiConnectionFactoryLocator implements ConnectionFactoryLocator {

    @Override
    public MailConnectionFactory locate(String jndiName) throws NamingException {
        Object found = new InitialContext().lookup(jndiName);
        if (found instanceof MailConnectionFactory factory) {
            return factory;
        }
        throw new NamingException(Messages.notAFactory(jndiName, found));
    }
}
