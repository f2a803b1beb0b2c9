package io.mailroom.cdi;

import io.mailroom.api.MailConnectionFactory;
import jakarta.enterprise.context.ApplicationScoped;
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
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes {@code @Inject MailSender} and {@code @Inject @Mailer("name") MailSender} work: collects
 * the sender names the application injects, adds one application-scoped {@link MailSender} bean
 * per name, and checks every one at deployment (its configuration keys and its connection
 * factory), reporting problems that name the key and the injection point.
 */
public class MailroomExtension implements Extension {
    /** Sender name to the first injection point that asked for it, for messages. */
    private final Map<String, String> senders = new TreeMap<>();

    void collect(@Observes ProcessInjectionPoint<?, MailSender> event) {
        InjectionPoint point = event.getInjectionPoint();
        senders.putIfAbsent(senderName(point), describe(point));
    }

    void addSenders(@Observes AfterBeanDiscovery event) {
        for (String name : senders.keySet()) {
            Annotation qualifier = SenderSettingsReader.DEFAULT.equals(name) ? Default.Literal.INSTANCE : Mailer.Literal.of(name);
            event.<MailSender>addBean()
                    .types(MailSender.class, Object.class)
                    .qualifiers(qualifier, Any.Literal.INSTANCE)
                    .scope(ApplicationScoped.class)
                    .produceWith(beans -> create(name, beans))
                    .disposeWith((sender, beans) -> ((DefaultMailSender) sender).close());
        }
    }

    void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
        ConnectionFactoryLocator locator = beans.createInstance().select(ConnectionFactoryLocator.class).get();
        SenderSettingsReader reader = new SenderSettingsReader(ConfigProvider.getConfig());
        senders.forEach((name, injectionPoint) -> {
            try {
                SenderSettings settings = reader.read(name, injectionPoint);
                locator.locate(settings.jndiName());
            } catch (DeploymentException e) {
                event.addDeploymentProblem(e);
            } catch (NamingException e) {
                SenderSettings settings = reader.read(name, injectionPoint);
                event.addDeploymentProblem(new DeploymentException(Messages.factoryNotFound(
                        settings.jndiName(), settings.jndiKey(), injectionPoint, String.valueOf(e.getMessage()))));
            }
        });
    }

    private String describe(InjectionPoint point) {
        return point.getMember() == null ? String.valueOf(point)
                : point.getMember().getDeclaringClass().getName() + "." + point.getMember().getName();
    }

    private static DefaultMailSender create(String name, Instance<Object> beans) {
        SenderSettings settings = new SenderSettingsReader(ConfigProvider.getConfig()).read(name, "MailSender " + name);
        MailConnectionFactory factory;
        try {
            factory = beans.select(ConnectionFactoryLocator.class).get().locate(settings.jndiName());
        } catch (NamingException e) {
            throw new DeploymentException(Messages.factoryNotFound(settings.jndiName(), settings.jndiKey(),
                    "MailSender " + name, String.valueOf(e.getMessage())), e);
        }
        return new DefaultMailSender(settings, factory, beans.select(FaultTolerantSender.class).get(),
                beans.select(TransactionProbe.class).get(), beans.select(MailroomEvents.class).get());
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
