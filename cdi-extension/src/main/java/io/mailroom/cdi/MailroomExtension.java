package io.mailroom.cdi;

import io.mailroom.api.MailConnectionFactory;
import io.mailroom.cdi.telemetry.MailTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes {@code @Inject MailSender} and {@code @Inject @Mailer("name") MailSender} work: collects
 * the sender names the application injects, adds one application-scoped {@link MailSender} bean
 * per name, and checks every one at deployment (its configuration keys and its connection
 * factory), reporting problems that name the key and the injection point.
 */
public class MailroomExtension implements Extension {
    /** Sender name to the first injection point that asked for it, for messages. */
    private static final Pattern CONFIGURED_SENDER = Pattern.compile("mailroom\\.\"([^\"]+)\"\\.jndi-name");

    private final Map<String, String> senders = new TreeMap<>();
    /** Injection point to the settings of a sender whose factory was not bound at validation. */
    private final Map<String, SenderSettings> unbound = new TreeMap<>();
    /** Sender name to the settings checked at validation, used again when its bean is created. */
    private final Map<String, SenderSettings> validated = new ConcurrentHashMap<>();
    /** Metrics and spans, one for the application, made with the first sender. */
    private MailTelemetry telemetry;

    void collect(@Observes ProcessInjectionPoint<?, MailSender> event) {
        InjectionPoint point = event.getInjectionPoint();
        senders.putIfAbsent(senderName(point), describe(point));
    }

    /**
     * Adds a bean for every injected sender, and for every sender named in the configuration
     * ({@code mailroom."<name>".jndi-name}), so that {@code Instance.select(Mailer.Literal.of(name))}
     * and injection into classes that are not beans also find it.
     */
    void addSenders(@Observes AfterBeanDiscovery event) {
        for (String key : config().getPropertyNames()) {
            Matcher named = CONFIGURED_SENDER.matcher(key);
            if (named.matches()) {
                senders.putIfAbsent(named.group(1), "configuration key " + key);
            }
        }
        for (String name : senders.keySet()) {
            Annotation qualifier = SenderSettingsReader.DEFAULT.equals(name) ? Default.Literal.INSTANCE : Mailer.Literal.of(name);
            event.<MailSender>addBean()
                    .types(MailSender.class, Object.class)
                    .qualifiers(qualifier, Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .produceWith(beans -> create(name, beans))
                    .disposeWith((sender, beans) -> ((DefaultMailSender) sender).close());
        }
        if (healthApiPresent()) {
            MailroomHealthChecks.register(event, senders.keySet(), this::factory,
                    sender -> HealthSettings.read(config(), sender));
        }
    }

    /** MicroProfile Health is optional: without it (no {@code mpHealth} feature) no check is added. */
    private static boolean healthApiPresent() {
        try {
            Class.forName("org.eclipse.microprofile.health.HealthCheck", false, MailroomExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Every sender's configuration keys are checked here. Its connection factory is looked up too;
     * one not bound yet (a resource adapter embedded in the same EAR starts with the application)
     * is looked up again when the application has started, below, waiting up to
     * {@code mailroom.jndi-wait} for it.
     */
    void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
        ConnectionFactoryLocator locator = beans.createInstance().select(ConnectionFactoryLocator.class).get();
        SenderSettingsReader reader = new SenderSettingsReader(config());
        try {
            FactoryWait.limit(config());
        } catch (DeploymentException e) {
            event.addDeploymentProblem(e);
        }
        senders.forEach((name, injectionPoint) -> {
            try {
                SenderSettings settings = reader.read(name, injectionPoint);
                validated.put(name, settings);
                if (!isBound(locator, settings)) {
                    unbound.put(injectionPoint, settings);
                }
            } catch (DeploymentException e) {
                event.addDeploymentProblem(e);
            }
        });
    }

    /**
     * Fails the application's start, naming the key and the injection point, for a factory still
     * missing after {@code mailroom.jndi-wait} (a standalone adapter's factory may be bound a
     * moment after the application starts).
     */
    void verifyFactories(@Observes @Initialized(ApplicationScoped.class) Object started, BeanManager beans) {
        FactoryWait wait = factoryWait(beans.createInstance().select(ConnectionFactoryLocator.class).get());
        unbound.forEach((injectionPoint, settings) -> wait.locate(settings, injectionPoint));
        unbound.clear();
    }

    private static boolean isBound(ConnectionFactoryLocator locator, SenderSettings settings) {
        try {
            locator.locate(settings.jndiName());
            return true;
        } catch (NamingException e) {
            return false;
        }
    }

    private String describe(InjectionPoint point) {
        return point.getMember() == null ? String.valueOf(point)
                : point.getMember().getDeclaringClass().getName() + "." + point.getMember().getName();
    }

    private DefaultMailSender create(String name, Instance<Object> beans) {
        SenderSettings settings = settings(name);
        return new DefaultMailSender(settings, factory(name, beans), beans.select(FaultTolerantSender.class).get(),
                beans.select(TransactionProbe.class).get(), beans.select(MailroomEvents.class).get(), telemetry(beans));
    }

    private synchronized MailTelemetry telemetry(Instance<Object> beans) {
        if (telemetry == null) {
            telemetry = MailTelemetry.forApplication(beans);
        }
        return telemetry;
    }

    private SenderSettings settings(String name) {
        return validated.computeIfAbsent(name,
                unchecked -> new SenderSettingsReader(config()).read(name, "MailSender " + name));
    }

    /** The sender's connection factory, looked up by its JNDI name (waiting for it as {@link FactoryWait} allows). */
    private MailConnectionFactory factory(String name, Instance<Object> beans) {
        return factoryWait(beans.select(ConnectionFactoryLocator.class).get()).locate(settings(name), "MailSender " + name);
    }

    private static FactoryWait factoryWait(ConnectionFactoryLocator locator) {
        return new FactoryWait(locator, FactoryWait.limit(config()));
    }

    /**
     * The application's configuration, seen from the loader of the jar the application bundles
     * this extension in: during deployment validation the thread's context loader may be the
     * EAR's, which does not see the WAR's {@code microprofile-config.properties}.
     */
    private static Config config() {
        return ConfigProvider.getConfig(MailroomExtension.class.getClassLoader());
    }

    private static String senderName(InjectionPoint point) {
        for (Annotation qualifier : point.getQualifiers()) {
            if (qualifier instanceof Mailer mailer) {
                return mailer.value();
            }
        }
        return SenderSettingsReader.DEFAULT;
    }
}
