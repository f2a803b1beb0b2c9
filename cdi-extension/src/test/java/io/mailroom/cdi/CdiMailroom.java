package io.mailroom.cdi;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailroom.adapter.SmtpManagedConnectionFactory;
import io.mailroom.adapter.SmtpResourceAdapter;
import io.mailroom.adapter.StandaloneConnectionManager;
import io.mailroom.api.MailConnectionFactory;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The extension as an application gets it, outside a server: Weld with the extension and its
 * beans, MicroProfile Config from a map, and real Mailroom connection factories (the adapter on
 * its standalone pool) sending to GreenMail servers on loopback.
 */
final class CdiMailroom implements AutoCloseable {
    private final SmtpResourceAdapter adapter = new SmtpResourceAdapter();
    private final Map<String, GreenMail> servers = new HashMap<>();
    private final Map<String, String> config = new HashMap<>();
    private final List<Thread> binders = new ArrayList<>();
    private WeldContainer weld;

    CdiMailroom() {
        adapter.start(null);
    }

    /** Binds a connection factory sending to a fresh GreenMail under {@code jndiName}. */
    CdiMailroom factory(String jndiName) throws Exception {
        TestLocator.FACTORIES.put(jndiName, create(jndiName));
        return this;
    }

    /**
     * Binds the factory only {@code delay} after this call, from another thread, as WildFly may
     * bind a standalone adapter's factory after the application started.
     */
    CdiMailroom factoryBoundAfter(String jndiName, Duration delay) throws Exception {
        MailConnectionFactory factory = create(jndiName);
        Thread binder = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                TestLocator.FACTORIES.put(jndiName, factory);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "late JNDI binding of " + jndiName);
        binder.setDaemon(true);
        binders.add(binder);
        binder.start();
        return this;
    }

    private MailConnectionFactory create(String jndiName) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        servers.put(jndiName, smtp);
        SmtpManagedConnectionFactory settings = new SmtpManagedConnectionFactory();
        settings.setResourceAdapter(adapter);
        settings.setHost("127.0.0.1");
        settings.setPort(smtp.getSmtp().getPort());
        settings.setDefaultFrom("app@example.com");
        settings.setOutboxDirectory(Files.createTempDirectory("mailroom-cdi").toString());
        settings.setRetryInitialDelayMillis(50);
        return (MailConnectionFactory) settings.createConnectionFactory(new StandaloneConnectionManager(4));
    }

    CdiMailroom config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /** Starts CDI with the extension, its beans and the given bean classes. */
    CdiMailroom start(Class<?>... beanClasses) {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (IllegalStateException none) {
            // No config registered yet.
        }
        Config built = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(config, "test", 500)).build();
        resolver.registerConfig(built, loader);
        weld = new Weld().disableDiscovery()
                .addExtension(new MailroomExtension())
                .addBeanClasses(FaultTolerantSender.class, TransactionProbe.class, MailroomEvents.class, TestLocator.class)
                .addBeanClasses(beanClasses)
                .initialize();
        return this;
    }

    <T> T bean(Class<T> type, java.lang.annotation.Annotation... qualifiers) {
        return weld.select(type, qualifiers).get();
    }

    /** @return every bean of the type with the qualifier */
    <T> java.util.List<T> instances(Class<T> type, java.lang.annotation.Annotation qualifier) {
        return weld.select(type, qualifier).stream().toList();
    }

    GreenMail server(String jndiName) {
        return servers.get(jndiName);
    }

    @Override
    public void close() {
        if (weld != null && weld.isRunning()) {
            weld.shutdown();
        }
        for (Thread binder : binders) {
            binder.interrupt();
            try {
                binder.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TestLocator.FACTORIES.clear();
        servers.values().forEach(GreenMail::stop);
        adapter.stop();
    }
}
