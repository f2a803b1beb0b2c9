package io.mailroom.cdi;

import io.mailroom.api.MailConnectionFactory;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;

/**
 * Looks a sender's connection factory up, waiting a bounded time ({@code mailroom.jndi-wait}) for
 * a name that is not bound yet. Why: nothing tells a server that an application depends on a
 * JNDI name it looks up by hand, so WildFly may start the application a few milliseconds before it
 * binds the factory of a standalone {@code mailroom.rar} (seen in about one boot in six); failing
 * the deployment then would be wrong. Only {@link NameNotFoundException} is waited on: any other
 * answer (a name that holds something else, MAILROOM-7004) is final.
 */
final class FactoryWait {
    static final String KEY = "mailroom.jndi-wait";
    static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final ConnectionFactoryLocator locator;
    private final Duration limit;

    FactoryWait(ConnectionFactoryLocator locator, Duration limit) {
        this.locator = locator;
        this.limit = limit;
    }

    /**
     * @return {@code mailroom.jndi-wait} as an ISO-8601 duration, {@link #DEFAULT} when unset
     * @throws DeploymentException (MAILROOM-7002) for a value that is not a duration of zero or more
     */
    static Duration limit(Config config) {
        Optional<String> text = config.getOptionalValue(KEY, String.class);
        if (text.isEmpty()) {
            return DEFAULT;
        }
        try {
            Duration parsed = Duration.parse(text.get().strip());
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new DeploymentException(Messages.invalidValue(KEY, text.get(),
                "an ISO-8601 duration of zero or more, for example PT30S", "every MailSender"));
    }

    /**
     * @return the sender's factory, once bound
     * @throws DeploymentException (MAILROOM-7003) naming the JNDI name, its key and the injection
     *         point, if the name is still unbound after the limit, or holds no Mailroom factory
     */
    MailConnectionFactory locate(SenderSettings settings, String injectionPoint) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return locator.locate(settings.jndiName());
            } catch (NameNotFoundException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw notFound(settings, injectionPoint, e.getMessage() + " (waited " + limit + ", " + KEY + ")", e);
                }
                pause();
            } catch (NamingException e) {
                throw notFound(settings, injectionPoint, e.getMessage(), e);
            }
        }
    }

    private static DeploymentException notFound(SenderSettings settings, String injectionPoint, String reason,
            NamingException cause) {
        return new DeploymentException(Messages.factoryNotFound(settings.jndiName(), settings.jndiKey(),
                injectionPoint, String.valueOf(reason)), cause);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeploymentException(Messages.interruptedWaiting(), e);
        }
    }
}
