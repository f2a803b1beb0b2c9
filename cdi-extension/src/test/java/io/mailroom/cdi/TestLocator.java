package io.mailroom.cdi;

import io.mailroom.api.MailConnectionFactory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/** Stands in for JNDI outside a server: the factories the test registered under their names. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestLocator implements ConnectionFactoryLocator {
    static final Map<String, MailConnectionFactory> FACTORIES = new ConcurrentHashMap<>();

    @Override
    public MailConnectionFactory locate(String jndiName) throws NamingException {
        MailConnectionFactory factory = FACTORIES.get(jndiName);
        if (factory == null) {
            throw new NameNotFoundException(jndiName + " is not bound");
        }
        return factory;
    }
}
