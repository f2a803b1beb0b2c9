package io.mailroom.it;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The server the tests run on, from the system property {@code mailroom.it.server} ({@code liberty}
 * when unset), which the build sets on the test JVM and on WildFly's. The one difference the tests
 * see is where connection factories live in JNDI: Liberty binds {@code mail/it}, WildFly's
 * resource adapters subsystem binds {@code java:/mail/it}.
 */
final class ItServer {
    private ItServer() {
    }

    /** @return {@code liberty} or {@code wildfly} */
    static String name() {
        return System.getProperty("mailroom.it.server", "liberty");
    }

    static boolean isWildFly() {
        return "wildfly".equals(name());
    }

    /** @return the JNDI name of the connection factory the Liberty configuration calls {@code name} */
    static String jndiName(String name) {
        return isWildFly() ? "java:/" + name : name;
    }

    /** Looks up a connection factory (or anything else bound under a server-specific name). */
    @SuppressWarnings("unchecked")
    static <T> T lookup(String name) {
        try {
            return (T) new InitialContext().lookup(jndiName(name));
        } catch (NamingException e) {
            throw new IllegalStateException("no " + jndiName(name) + " in JNDI", e);
        }
    }
}
