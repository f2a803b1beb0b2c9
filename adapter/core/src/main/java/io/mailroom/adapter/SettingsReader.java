package io.mailroom.adapter;

import io.mailroom.adapter.config.ConfigMessages;
import io.mailroom.adapter.config.OutboxSettings;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SettingsValidator;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.config.TransactionMode;
import io.mailroom.adapter.method.DeliveryMethods;
import io.mailroom.adapter.signing.MessageSigner;

import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads a connection factory's settings once: the overrides from system properties and the
 * environment first ({@link ConfigOverrides}), then every check, into immutable values. Each
 * refusal names the property at fault ({@code MAILROOM-4001}).
 */
final class SettingsReader {
    private static final Logger LOG = Logger.getLogger(SettingsReader.class.getName());

    /**
     * The checked settings of one factory, with its S/MIME and DKIM keys loaded.
     *
     * @param name how messages name the factory: its {@code configName}, else host, port and user
     */
    record Checked(String name, SmtpSettings smtp, SecuritySettings security, OutboxSettings outbox, MessageSigner signer,
                   DeliveryMethods methods, TransactionMode transactions) {
    }

    private SettingsReader() {
    }

    static Checked read(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        applyOverrides(f);
        SecuritySettings security = SecuritySettingsReader.read(f);
        SmtpSettings smtp = smtp(f, security);
        if (!security.tls().checkServerIdentity()) {
            LOG.warning(ConfigMessages.identityCheckOff(smtp.host()));
        }
        String configName = SecuritySettingsReader.blankToNull(f.getConfigName());
        String name = configName != null ? configName
                : smtp.host() + ":" + smtp.port() + (smtp.username() == null ? "" : " as " + smtp.username());
        return new Checked(name, smtp, security, outbox(f, smtp, configName).normalized(), SigningSettingsReader.read(f),
                methods(f), transactionMode(f));
    }

    /**
     * The factory's {@code transactionSupportLevel}, its override from the process first; read on its
     * own as well, for {@link SmtpManagedConnectionFactory#getTransactionSupport()}, which the server
     * may ask before anything else.
     */
    static TransactionMode transactionMode(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        Optional<String> override = ConfigOverrides.fromProcess().lookup(f.getConfigName(), TransactionMode.PROPERTY);
        return TransactionMode.parse(override.orElse(f.getTransactionSupportLevel()));
    }

    private static SmtpSettings smtp(SmtpManagedConnectionFactory f, SecuritySettings security)
            throws InvalidPropertyException {
        // With probing, the port to name in messages before a probe found one: the first to try.
        int effectivePort = f.getPort() != null ? f.getPort()
                : security.mode().probes() ? security.probePorts().get(0) : security.mode().standardPort();
        SettingsValidator.requirePositive("connectTimeoutMillis", f.getConnectTimeoutMillis());
        SettingsValidator.requirePositive("readTimeoutMillis", f.getReadTimeoutMillis());
        SettingsValidator.requirePositive("writeTimeoutMillis", f.getWriteTimeoutMillis());
        SettingsValidator.requirePositive("maxMessagesPerConnection", f.getMaxMessagesPerConnection());
        SettingsValidator.requirePositive("maxConnectionAgeSeconds", f.getMaxConnectionAgeSeconds());
        return SettingsValidator.validate(new SmtpSettings(f.getHost(), effectivePort,
                SecuritySettingsReader.blankToNull(f.getUsername()), SecuritySettingsReader.blankToNull(f.getPassword()),
                SecuritySettingsReader.blankToNull(f.getDefaultFrom()), SecuritySettingsReader.blankToNull(f.getEhloName()),
                f.getConnectTimeoutMillis(), f.getReadTimeoutMillis(), f.getWriteTimeoutMillis(),
                f.getMaxMessagesPerConnection(), f.getMaxConnectionAgeSeconds(), f.getPipelining() == null || f.getPipelining()));
    }

    private static OutboxSettings outbox(SmtpManagedConnectionFactory f, SmtpSettings smtp, String configName)
            throws InvalidPropertyException {
        SettingsValidator.requirePositive("outboxMaxMegabytes", f.getOutboxMaxMegabytes());
        SettingsValidator.requirePositive("deliveryWorkers", f.getDeliveryWorkers());
        SettingsValidator.requirePositive("retryInitialDelayMillis", f.getRetryInitialDelayMillis());
        SettingsValidator.requirePositive("retryMaxDelayMillis", f.getRetryMaxDelayMillis());
        SettingsValidator.requirePositive("maxDeliveryAgeMinutes", f.getMaxDeliveryAgeMinutes());
        SettingsValidator.requirePositive("maxDeliveryAttempts", f.getMaxDeliveryAttempts());
        SettingsValidator.requirePositive("outboxLeaseSeconds", f.getOutboxLeaseSeconds());
        OutboxSettings.Store store = store(f.getOutbox());
        String dataSource = SecuritySettingsReader.blankToNull(f.getOutboxDataSource());
        if (store == OutboxSettings.Store.JDBC && dataSource == null) {
            throw new InvalidPropertyException(ConfigMessages.invalidSetting("outboxDataSource", "",
                    "is required with outbox=jdbc: the JNDI name of a DataSource the server manages"));
        }
        String configured = SecuritySettingsReader.blankToNull(f.getOutboxDirectory());
        Path directory = configured == null ? OutboxSettings.defaultDirectory(smtp, configName) : Path.of(configured.strip());
        return new OutboxSettings(store, store == OutboxSettings.Store.JDBC ? dataSource.strip() : null,
                Duration.ofSeconds(f.getOutboxLeaseSeconds()), directory, f.getOutboxMaxMegabytes() * 1024L * 1024L,
                f.getDeliveryWorkers(),
                Duration.ofMillis(f.getRetryInitialDelayMillis()), Duration.ofMillis(f.getRetryMaxDelayMillis()),
                Duration.ofMinutes(f.getMaxDeliveryAgeMinutes()), f.getMaxDeliveryAttempts());
    }

    /** {@code journal} (also when empty) or {@code jdbc}, in any case. */
    private static OutboxSettings.Store store(String value) throws InvalidPropertyException {
        String text = SecuritySettingsReader.blankToNull(value);
        if (text == null || text.strip().equalsIgnoreCase("journal")) {
            return OutboxSettings.Store.JOURNAL;
        }
        if (text.strip().equalsIgnoreCase("jdbc")) {
            return OutboxSettings.Store.JDBC;
        }
        throw new InvalidPropertyException(ConfigMessages.invalidSetting("outbox", value, "must be journal or jdbc"));
    }

    /** The delivery method and the staging allow-list, each refusal naming its setting. */
    private static DeliveryMethods methods(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        try {
            return DeliveryMethods.of(f.getDeliveryMethod(), f.getPickupDirectory(), f.getJmsConnectionFactory(),
                    f.getJmsQueue(), f.getRecipientAllowList(), f.getRedirectTo());
        } catch (IllegalArgumentException e) {
            InvalidPropertyException invalid = new InvalidPropertyException(e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    /** Settings from system properties and the environment win over the server's configuration. */
    private static void applyOverrides(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        ConfigOverrides overrides = ConfigOverrides.fromProcess();
        for (Field field : SmtpManagedConnectionFactory.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ConfigProperty.class) && !field.getName().equals("configName")) {
                Optional<String> value = overrides.lookup(f.getConfigName(), field.getName());
                if (value.isPresent()) {
                    setFromText(f, field, value.get());
                }
            }
        }
    }

    private static void setFromText(SmtpManagedConnectionFactory f, Field field, String text)
            throws InvalidPropertyException {
        try {
            field.setAccessible(true);
            field.set(f, field.getType() == Integer.class ? Integer.valueOf(text.strip())
                    : field.getType() == Boolean.class ? parseBoolean(f, field.getName(), text) : text);
        } catch (NumberFormatException e) {
            throw new InvalidPropertyException(ConfigMessages.invalidSetting(
                    ConfigOverrides.key(f.getConfigName(), field.getName()), text, "must be a whole number"));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Boolean parseBoolean(SmtpManagedConnectionFactory f, String property, String text)
            throws InvalidPropertyException {
        String value = text.strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new InvalidPropertyException(ConfigMessages.invalidSetting(
                    ConfigOverrides.key(f.getConfigName(), property), text, "must be true or false"));
        }
        return Boolean.valueOf(value);
    }
}
