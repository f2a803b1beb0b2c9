package io.mailroom.adapter;

import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import jakarta.mail.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import io.mailroom.adapter.delivery.WorkLauncher;
import io.mailroom.adapter.outbox.OutboxException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Timer;
import java.util.logging.Logger;
import jakarta.resource.spi.UnavailableException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The SMTP connection factory's settings, and the maker of {@link SmtpManagedConnection}s. Each
 * setting is a {@link ConfigProperty} that {@code server.xml} sets by name (for example
 * {@code <properties.mailroom host="smtp.example.com" port="587"/>}); the README's configuration
 * table lists them, and a test keeps the two in step.
 */
@ConnectionDefinition(connectionFactory = MailConnectionFactory.class,
        connectionFactoryImpl = SmtpConnectionFactoryImpl.class,
        connection = MailConnection.class,
        connectionImpl = SmtpConnectionImpl.class)
public class SmtpManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, ValidatingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SmtpManagedConnectionFactory.class.getName());

    @ConfigProperty(description = "Name for settings from system properties and the environment (mailroom.\"<name>\".host); empty means mailroom.host")
    private String configName;

    @ConfigProperty(defaultValue = "localhost", description = "SMTP server host name")
    private String host = "localhost";

    @ConfigProperty(defaultValue = "25", description = "SMTP server port")
    private Integer port = 25;

    @ConfigProperty(description = "User for SMTP AUTH; empty means no authentication")
    private String username;

    @ConfigProperty(description = "Password for SMTP AUTH; never logged", confidential = true)
    private String password;

    @ConfigProperty(description = "From address for messages that set none")
    private String defaultFrom;

    @ConfigProperty(description = "Name sent with EHLO; empty means the local host name")
    private String ehloName;

    @ConfigProperty(defaultValue = "10000", description = "Milliseconds to wait for the TCP connection and the server greeting")
    private Integer connectTimeoutMillis = 10_000;

    @ConfigProperty(defaultValue = "30000", description = "Milliseconds to wait for any one server reply")
    private Integer readTimeoutMillis = 30_000;

    @ConfigProperty(defaultValue = "30000", description = "Milliseconds any one socket write may block")
    private Integer writeTimeoutMillis = 30_000;

    @ConfigProperty(defaultValue = "1000", description = "Messages one SMTP connection carries before it is replaced")
    private Integer maxMessagesPerConnection = 1000;

    @ConfigProperty(description = "Directory of the durable outbox; empty means mailroom-outbox/<host>-<port> under the server's data directory")
    private String outboxDirectory;

    @ConfigProperty(defaultValue = "256", description = "Most megabytes the outbox journal may hold; commits fail beyond it")
    private Integer outboxMaxMegabytes = 256;

    @ConfigProperty(defaultValue = "4", description = "Delivery workers, each with its own SMTP connection")
    private Integer deliveryWorkers = 4;

    @ConfigProperty(defaultValue = "1000", description = "Milliseconds before the first retry of a transiently failed message")
    private Integer retryInitialDelayMillis = 1000;

    @ConfigProperty(defaultValue = "300000", description = "Longest wait in milliseconds between retries")
    private Integer retryMaxDelayMillis = 300_000;

    @ConfigProperty(defaultValue = "1440", description = "Minutes after commit a message is still retried before it becomes a dead letter")
    private Integer maxDeliveryAgeMinutes = 1440;

    @ConfigProperty(defaultValue = "100", description = "Most delivery attempts for one message before it becomes a dead letter")
    private Integer maxDeliveryAttempts = 100;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile SmtpSettings settings;
    private transient volatile Session session;

    /** Also starts this factory's outbox and delivery workers, so mail left from before a restart goes out. */
    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        settings();
        runtime();
        return new SmtpConnectionFactoryImpl(this, connectionManager);
    }

    /** Outside a server: connections come from a small pool of Mailroom's own. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new StandaloneConnectionManager(4));
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        return new SmtpManagedConnection(this, settings(), session());
    }

    /**
     * The outbox and delivery workers of this factory, started on first use.
     *
     * @throws ResourceException naming the outbox directory if it cannot be opened
     */
    OutboxRuntime runtime() throws ResourceException {
        if (resourceAdapter instanceof SmtpResourceAdapter adapter && adapter.isStopped()) {
            throw new ResourceException("MAILROOM-2015 the Mailroom resource adapter is stopped");
        }
        try {
            return OutboxRuntime.obtain(outboxSettings(), settings(), session(), workLauncher(), this::timer);
        } catch (OutboxException e) {
            throw new ResourceException(e.getMessage(), e);
        }
    }

    /** The server's timer (one per outbox, cancelled when delivery stops), or a daemon timer outside a server. */
    private Timer timer() {
        if (resourceAdapter instanceof SmtpResourceAdapter adapter && adapter.bootstrapContext() != null) {
            try {
                return adapter.bootstrapContext().createTimer();
            } catch (UnavailableException e) {
                LOG.warning("MAILROOM-6005 the server gave no timer; using a daemon timer: " + e);
            }
        }
        return new Timer("mailroom-delivery-timer", true);
    }

    private WorkLauncher workLauncher() {
        if (resourceAdapter instanceof SmtpResourceAdapter adapter && adapter.bootstrapContext() != null) {
            return work -> adapter.bootstrapContext().getWorkManager().scheduleWork(work);
        }
        return StandaloneWorkLauncher.INSTANCE;
    }

    /**
     * The outbox and delivery settings as one value, checked.
     *
     * @throws InvalidPropertyException naming the property at fault
     */
    OutboxSettings outboxSettings() throws InvalidPropertyException {
        SmtpSettings smtp = settings(); // applies the overrides from the environment first
        SettingsValidator.requirePositive("outboxMaxMegabytes", outboxMaxMegabytes);
        SettingsValidator.requirePositive("deliveryWorkers", deliveryWorkers);
        SettingsValidator.requirePositive("retryInitialDelayMillis", retryInitialDelayMillis);
        SettingsValidator.requirePositive("retryMaxDelayMillis", retryMaxDelayMillis);
        SettingsValidator.requirePositive("maxDeliveryAgeMinutes", maxDeliveryAgeMinutes);
        SettingsValidator.requirePositive("maxDeliveryAttempts", maxDeliveryAttempts);
        Path directory = blankToNull(outboxDirectory) == null
                ? OutboxSettings.defaultDirectory(smtp) : Path.of(outboxDirectory.strip());
        return new OutboxSettings(directory, outboxMaxMegabytes * 1024L * 1024L, deliveryWorkers,
                Duration.ofMillis(retryInitialDelayMillis), Duration.ofMillis(retryMaxDelayMillis),
                Duration.ofMinutes(maxDeliveryAgeMinutes), maxDeliveryAttempts);
    }

    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates,
                                                     Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof SmtpManagedConnection mc && mc.factory().equals(this)) {
                return mc;
            }
        }
        return null;
    }

    @Override
    public Set<ManagedConnection> getInvalidConnections(@SuppressWarnings("rawtypes") Set connections) {
        Set<ManagedConnection> invalid = new HashSet<>();
        for (Object candidate : connections) {
            if (candidate instanceof SmtpManagedConnection mc && !mc.isUsable()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    /**
     * The settings as one immutable value, checked once.
     *
     * @return the settings
     * @throws InvalidPropertyException naming the property at fault
     */
    public SmtpSettings settings() throws InvalidPropertyException {
        SmtpSettings s = settings;
        if (s == null) {
            applyOverrides();
            SettingsValidator.requirePositive("port", port);
            SettingsValidator.requirePositive("connectTimeoutMillis", connectTimeoutMillis);
            SettingsValidator.requirePositive("readTimeoutMillis", readTimeoutMillis);
            SettingsValidator.requirePositive("writeTimeoutMillis", writeTimeoutMillis);
            SettingsValidator.requirePositive("maxMessagesPerConnection", maxMessagesPerConnection);
            s = SettingsValidator.validate(new SmtpSettings(host, port, blankToNull(username), blankToNull(password),
                    blankToNull(defaultFrom), blankToNull(ehloName), connectTimeoutMillis, readTimeoutMillis,
                    writeTimeoutMillis, maxMessagesPerConnection));
            settings = s;
        }
        return s;
    }

    private Session session() throws InvalidPropertyException {
        Session s = session;
        if (s == null) {
            SmtpSettings current = settings();
            s = AdapterClassLoader.call(() -> Session.getInstance(SessionProperties.of(current)));
            session = s;
        }
        return s;
    }

    /** Settings from system properties and the environment win over the server's configuration. */
    private void applyOverrides() throws InvalidPropertyException {
        ConfigOverrides overrides = ConfigOverrides.fromProcess();
        for (java.lang.reflect.Field field : SmtpManagedConnectionFactory.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ConfigProperty.class) && !field.getName().equals("configName")) {
                Optional<String> value = overrides.lookup(configName, field.getName());
                if (value.isPresent()) {
                    setFromText(field, value.get());
                }
            }
        }
    }

    private void setFromText(java.lang.reflect.Field field, String text) throws InvalidPropertyException {
        try {
            field.set(this, field.getType() == Integer.class ? Integer.valueOf(text.strip()) : text);
        } catch (NumberFormatException e) {
            throw new InvalidPropertyException(Messages.invalidSetting(
                    ConfigOverrides.key(configName, field.getName()), text, "must be a whole number"));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void changed() {
        settings = null;
        session = null;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    public String getConfigName() {
        return configName;
    }

    public void setConfigName(String configName) {
        this.configName = configName;
        changed();
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
        changed();
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
        changed();
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
        changed();
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
        changed();
    }

    public String getDefaultFrom() {
        return defaultFrom;
    }

    public void setDefaultFrom(String defaultFrom) {
        this.defaultFrom = defaultFrom;
        changed();
    }

    public String getEhloName() {
        return ehloName;
    }

    public void setEhloName(String ehloName) {
        this.ehloName = ehloName;
        changed();
    }

    public Integer getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(Integer connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        changed();
    }

    public Integer getReadTimeoutMillis() {
        return readTimeoutMillis;
    }

    public void setReadTimeoutMillis(Integer readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
        changed();
    }

    public Integer getWriteTimeoutMillis() {
        return writeTimeoutMillis;
    }

    public void setWriteTimeoutMillis(Integer writeTimeoutMillis) {
        this.writeTimeoutMillis = writeTimeoutMillis;
        changed();
    }

    public String getOutboxDirectory() {
        return outboxDirectory;
    }

    public void setOutboxDirectory(String outboxDirectory) {
        this.outboxDirectory = outboxDirectory;
    }

    public Integer getOutboxMaxMegabytes() {
        return outboxMaxMegabytes;
    }

    public void setOutboxMaxMegabytes(Integer outboxMaxMegabytes) {
        this.outboxMaxMegabytes = outboxMaxMegabytes;
    }

    public Integer getDeliveryWorkers() {
        return deliveryWorkers;
    }

    public void setDeliveryWorkers(Integer deliveryWorkers) {
        this.deliveryWorkers = deliveryWorkers;
    }

    public Integer getRetryInitialDelayMillis() {
        return retryInitialDelayMillis;
    }

    public void setRetryInitialDelayMillis(Integer retryInitialDelayMillis) {
        this.retryInitialDelayMillis = retryInitialDelayMillis;
    }

    public Integer getRetryMaxDelayMillis() {
        return retryMaxDelayMillis;
    }

    public void setRetryMaxDelayMillis(Integer retryMaxDelayMillis) {
        this.retryMaxDelayMillis = retryMaxDelayMillis;
    }

    public Integer getMaxDeliveryAgeMinutes() {
        return maxDeliveryAgeMinutes;
    }

    public void setMaxDeliveryAgeMinutes(Integer maxDeliveryAgeMinutes) {
        this.maxDeliveryAgeMinutes = maxDeliveryAgeMinutes;
    }

    public Integer getMaxDeliveryAttempts() {
        return maxDeliveryAttempts;
    }

    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    public Integer getMaxMessagesPerConnection() {
        return maxMessagesPerConnection;
    }

    public void setMaxMessagesPerConnection(Integer maxMessagesPerConnection) {
        this.maxMessagesPerConnection = maxMessagesPerConnection;
        changed();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SmtpManagedConnectionFactory other)) {
            return false;
        }
        return Objects.equals(configName, other.configName) && Objects.equals(host, other.host) && Objects.equals(port, other.port)
                && Objects.equals(username, other.username) && Objects.equals(password, other.password)
                && Objects.equals(defaultFrom, other.defaultFrom) && Objects.equals(ehloName, other.ehloName)
                && Objects.equals(connectTimeoutMillis, other.connectTimeoutMillis)
                && Objects.equals(readTimeoutMillis, other.readTimeoutMillis)
                && Objects.equals(writeTimeoutMillis, other.writeTimeoutMillis)
                && Objects.equals(maxMessagesPerConnection, other.maxMessagesPerConnection)
                && Objects.equals(outboxDirectory, other.outboxDirectory)
                && Objects.equals(outboxMaxMegabytes, other.outboxMaxMegabytes)
                && Objects.equals(deliveryWorkers, other.deliveryWorkers)
                && Objects.equals(retryInitialDelayMillis, other.retryInitialDelayMillis)
                && Objects.equals(retryMaxDelayMillis, other.retryMaxDelayMillis)
                && Objects.equals(maxDeliveryAgeMinutes, other.maxDeliveryAgeMinutes)
                && Objects.equals(maxDeliveryAttempts, other.maxDeliveryAttempts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, defaultFrom, ehloName, connectTimeoutMillis, readTimeoutMillis,
                writeTimeoutMillis, maxMessagesPerConnection, outboxDirectory);
    }

    @Override
    public String toString() {
        return "SmtpManagedConnectionFactory[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "<none>" : "****") + "]";
    }
}
