package io.mailroom.adapter;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI namespace for tests outside a server: names bound in {@link #BOUND} are what
 * {@code new InitialContext().lookup(name)} finds while {@link #install()} is in effect. Only
 * {@code lookup(String)} and {@code close()} work, all Mailroom calls.
 */
public final class TestJndi implements InitialContextFactory {
    static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

    /** Makes {@code new InitialContext()} use this factory (a system property, so clear it with {@link #uninstall()}). */
    static void install() {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestJndi.class.getName());
    }

    static void uninstall() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        BOUND.clear();
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(TestJndi.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object found = BOUND.get(String.valueOf(args[0]));
                        if (found == null) {
                            throw new NameNotFoundException(args[0] + " is not bound");
                        }
                        yield found;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
