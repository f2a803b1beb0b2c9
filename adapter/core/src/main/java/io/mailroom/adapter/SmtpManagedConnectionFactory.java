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
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
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

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile SmtpSettings settings;
    private transient volatile Session session;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        settings();
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
        return Objects.equals(host, other.host) && Objects.equals(port, other.port)
                && Objects.equals(username, other.username) && Objects.equals(password, other.password)
                && Objects.equals(defaultFrom, other.defaultFrom) && Objects.equals(ehloName, other.ehloName)
                && Objects.equals(connectTimeoutMillis, other.connectTimeoutMillis)
                && Objects.equals(readTimeoutMillis, other.readTimeoutMillis)
                && Objects.equals(writeTimeoutMillis, other.writeTimeoutMillis)
                && Objects.equals(maxMessagesPerConnection, other.maxMessagesPerConnection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username, defaultFrom, ehloName, connectTimeoutMillis, readTimeoutMillis,
                writeTimeoutMillis, maxMessagesPerConnection);
    }

    @Override
    public String toString() {
        return "SmtpManagedConnectionFactory[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "<none>" : "****") + "]";
    }
}
