package io.mailroom.adapter;

import io.mailroom.adapter.config.Secrets;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.config.TransactionMode;

import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;

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
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The SMTP connection factory's settings, and the maker of {@link SmtpManagedConnection}s. Each
 * setting is a {@link ConfigProperty} that {@code server.xml} sets by name (for example
 * {@code <properties.mailroom host="smtp.example.com" port="587"/>}); the README's configuration
 * table lists them, and a test keeps the two in step. The settings are read and checked once by
 * {@link SettingsReader}; what managed connections work with is made once, in {@link FactoryServices}.
 */
@ConnectionDefinition(connectionFactory = MailConnectionFactory.class,
        connectionFactoryImpl = SmtpConnectionFactoryImpl.class,
        connection = MailConnection.class,
        connectionImpl = SmtpConnectionImpl.class)
public class SmtpManagedConnectionFactory
        implements ManagedConnectionFactory, ResourceAdapterAssociation, ValidatingManagedConnectionFactory,
        TransactionSupport {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(description = "Name for settings from system properties and the environment (mailroom.\"<name>\".host); empty means mailroom.host")
    private String configName;

    @ConfigProperty(defaultValue = "localhost", description = "SMTP server host name")
    private String host = "localhost";

    @ConfigProperty(description = "SMTP server port; empty means the security mode's: 465 for SSL_IMPLICIT, 587 for STARTTLS_REQUIRED, 25 otherwise; AUTO and SSL_AUTO probe probePorts")
    private Integer port;

    @ConfigProperty(defaultValue = "STARTTLS_WHEN_AVAILABLE", description = "NONE, SSL_IMPLICIT, STARTTLS_REQUIRED, STARTTLS_WHEN_AVAILABLE, AUTO or SSL_AUTO")
    private String security = "STARTTLS_WHEN_AVAILABLE";

    @ConfigProperty(defaultValue = "465,587,25", description = "Ports AUTO and SSL_AUTO probe, in order, when port is empty")
    private String probePorts = "465,587,25";

    @ConfigProperty(defaultValue = "true", description = "Whether the server's certificate must name the host; false logs a warning")
    private Boolean tlsCheckServerIdentity = true;

    @ConfigProperty(description = "Key store of certificates to trust; empty (and no tlsTrustPem) means the JVM's default trust")
    private String tlsTrustStore;

    @ConfigProperty(defaultValue = "PKCS12", description = "Type of tlsTrustStore")
    private String tlsTrustStoreType = "PKCS12";

    @ConfigProperty(description = "Password of tlsTrustStore", confidential = true)
    private String tlsTrustStorePassword;

    @ConfigProperty(description = "PEM file of certificates to trust, besides tlsTrustStore")
    private String tlsTrustPem;

    @ConfigProperty(description = "Key store with the client certificate and key for TLS client authentication")
    private String tlsKeyStore;

    @ConfigProperty(defaultValue = "PKCS12", description = "Type of tlsKeyStore")
    private String tlsKeyStoreType = "PKCS12";

    @ConfigProperty(description = "Password of tlsKeyStore and its key", confidential = true)
    private String tlsKeyStorePassword;

    @ConfigProperty(defaultValue = "false", description = "Whether credentials may be sent over an unencrypted connection")
    private Boolean allowPlaintextAuth = false;

    @ConfigProperty(defaultValue = "false", description = "Whether a server that offers no AUTH may be used when credentials are set; while false such a connection is refused before MAIL FROM")
    private Boolean authOptional = false;

    @ConfigProperty(description = "SASL mechanisms in order of preference (LOGIN PLAIN DIGEST-MD5 NTLM XOAUTH2); empty means LOGIN PLAIN DIGEST-MD5 NTLM, or XOAUTH2 with OAuth2 settings")
    private String authMechanisms;

    @ConfigProperty(description = "Name of a registered TokenProvider, or a TokenProvider class name, for XOAUTH2")
    private String oauth2TokenProvider;

    @ConfigProperty(description = "A fixed OAuth2 access token for XOAUTH2", confidential = true)
    private String oauth2AccessToken;

    @ConfigProperty(description = "OAuth2 token endpoint for the refresh-token or client-credentials grant")
    private String oauth2TokenUrl;

    @ConfigProperty(description = "OAuth2 client id")
    private String oauth2ClientId;

    @ConfigProperty(description = "OAuth2 client secret", confidential = true)
    private String oauth2ClientSecret;

    @ConfigProperty(description = "OAuth2 refresh token; without it the client-credentials grant is used", confidential = true)
    private String oauth2RefreshToken;

    @ConfigProperty(description = "OAuth2 scope to ask the token endpoint for")
    private String oauth2Scope;

    @ConfigProperty(description = "Name of a registered RefreshTokenListener, or its class name, told of rotated refresh tokens")
    private String oauth2RefreshTokenListener;

    @ConfigProperty(defaultValue = "NONE", description = "NONE, SOCKS5 or HTTP (CONNECT)")
    private String proxyType = "NONE";

    @ConfigProperty(description = "Proxy host")
    private String proxyHost;

    @ConfigProperty(description = "Proxy port")
    private Integer proxyPort;

    @ConfigProperty(description = "Proxy user (SOCKS5 username/password, HTTP Basic)")
    private String proxyUsername;

    @ConfigProperty(description = "Proxy user's password", confidential = true)
    private String proxyPassword;

    @ConfigProperty(defaultValue = "false", description = "Angus Mail's protocol trace on standard output, without the AUTH exchange")
    private Boolean mailDebug = false;

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

    @ConfigProperty(defaultValue = "100000", description = "Messages one SMTP connection carries before it is replaced")
    private Integer maxMessagesPerConnection = 100_000;

    @ConfigProperty(defaultValue = "300", description = "Seconds one SMTP connection is used; the first message after that opens a new one")
    private Integer maxConnectionAgeSeconds = 300;

    @ConfigProperty(defaultValue = "true", description = "Pipeline the mail transaction (RFC 2920, and BDAT of RFC 3030) when the server offers it; false sends one command at a time")
    private Boolean pipelining = true;

    // Not "transactionSupport": TransactionSupport.getTransactionSupport() takes that JavaBean name, and a
    // String setter beside it is invisible to java.beans.Introspector, with which Liberty sets properties.
    @ConfigProperty(defaultValue = "XATransaction", description = "XATransaction (two-phase commit, recovery) or LocalTransaction (one-phase, committed last with other resources); NoTransaction is refused")
    private String transactionSupportLevel = "XATransaction";

    @ConfigProperty(defaultValue = "journal", description = "Where committed mail waits: journal (files on this server's disk) or jdbc (tables in outboxDataSource, shared by every server instance)")
    private String outbox = "journal";

    @ConfigProperty(description = "With outbox=jdbc: JNDI name of the server's DataSource (PostgreSQL) holding the outbox tables; required then")
    private String outboxDataSource;

    @ConfigProperty(defaultValue = "300", description = "With outbox=jdbc: seconds an instance holds a message it is delivering; after that another instance may take it over")
    private Integer outboxLeaseSeconds = 300;

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

    @ConfigProperty(description = "S/MIME signing key and certificate chain: a PKCS#12 key store, or a PEM file with the private key and certificates")
    private String smimeKeyStore;

    @ConfigProperty(defaultValue = "PKCS12", description = "Type of smimeKeyStore: PKCS12 or PEM")
    private String smimeKeyStoreType = "PKCS12";

    @ConfigProperty(description = "Password of smimeKeyStore and its key (for PEM: of an encrypted PKCS#8 key)", confidential = true)
    private String smimeKeyStorePassword;

    @ConfigProperty(description = "Entry of smimeKeyStore to sign with; empty means the first key entry")
    private String smimeKeyAlias;

    @ConfigProperty(defaultValue = "AES256_CBC", description = "Content cipher of S/MIME encryption: AES256_CBC (enveloped data) or AES256_GCM (authenticated enveloped data)")
    private String smimeEncryption = "AES256_CBC";

    @ConfigProperty(description = "Name of a registered RecipientCertificateProvider, or its class name, for recipients' certificates not given with the message")
    private String smimeCertificateProvider;

    @ConfigProperty(description = "DKIM keys, comma-separated selector@domain=path (PEM or DER PKCS#8, or PEM PKCS#1; RSA or Ed25519); empty means no DKIM signature")
    private String dkimKeys;

    @ConfigProperty(defaultValue = "From,Reply-To,Subject,Date,To,Cc,Message-ID,In-Reply-To,References,MIME-Version,Content-Type,Content-Transfer-Encoding", description = "Header fields DKIM signs where present; From is always signed")
    private String dkimHeaders = "From,Reply-To,Subject,Date,To,Cc,Message-ID,In-Reply-To,References,MIME-Version,Content-Type,Content-Transfer-Encoding";

    @ConfigProperty(defaultValue = "false", description = "Whether DKIM also signs one absent From, To and Subject, so none can be added in transit")
    private Boolean dkimOversign = false;

    @ConfigProperty(defaultValue = "relaxed/relaxed", description = "DKIM canonicalization header/body, each relaxed or simple")
    private String dkimCanonicalization = "relaxed/relaxed";

    @ConfigProperty(defaultValue = "smtp", description = "Where messages go: smtp, pickup-directory (an .eml file per message in pickupDirectory), jms (a BytesMessage on jmsQueue, in the caller's transaction) or capture (kept in memory, never sent)")
    private String deliveryMethod = "smtp";

    @ConfigProperty(description = "Directory for deliveryMethod=pickup-directory, watched by an MTA (IIS, Exchange)")
    private String pickupDirectory;

    @ConfigProperty(description = "JNDI name of the server's jakarta.jms.ConnectionFactory for deliveryMethod=jms (Liberty: a jmsConnectionFactory; WildFly: java:/JmsXA)")
    private String jmsConnectionFactory;

    @ConfigProperty(description = "JNDI name of the jakarta.jms.Queue that deliveryMethod=jms sends each message to")
    private String jmsQueue;

    @ConfigProperty(description = "Staging: comma-separated addresses, domains or *@domain patterns that may receive mail; others are dropped, or redirected to redirectTo")
    private String recipientAllowList;

    @ConfigProperty(description = "Staging: the one address that receives mail for recipients not on recipientAllowList (for everyone when the list is empty)")
    private String redirectTo;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile FactoryServices services;
    private transient volatile PrintStream debugOut;

    /** Also starts this factory's outbox and delivery workers, so mail left from before a restart goes out. */
    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        services().startRuntime();
        return new SmtpConnectionFactoryImpl(this, connectionManager);
    }

    /** Outside a server: connections come from a small pool of Mailroom's own. */
    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new StandaloneConnectionManager(4));
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        return new SmtpManagedConnection(this, services());
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
     * The settings, read and checked once, and what this factory's connections work with.
     *
     * @throws InvalidPropertyException naming the property at fault
     */
    FactoryServices services() throws InvalidPropertyException {
        FactoryServices s = services;
        if (s == null) {
            synchronized (this) {
                s = services;
                if (s == null) {
                    PrintStream trace = Boolean.TRUE.equals(mailDebug) && debugOut == null ? System.out : debugOut;
                    s = new FactoryServices(SettingsReader.read(this), this::getResourceAdapter, trace);
                    services = s;
                }
            }
        }
        return s;
    }

    /**
     * @return the settings as one immutable value, checked once
     * @throws InvalidPropertyException naming the property at fault
     */
    public SmtpSettings settings() throws InvalidPropertyException {
        return services().settings();
    }

    /** @return the security settings, checked with the others by {@link #settings()} */
    SecuritySettings securitySettings() throws InvalidPropertyException {
        return services().securitySettings();
    }

    /** For tests: Angus Mail's protocol trace of this factory's connections goes here. */
    void debugOut(PrintStream out) {
        this.debugOut = out;
        changed();
    }

    /** @return where the protocol trace goes, if a test set it */
    PrintStream debugOut() {
        return debugOut;
    }

    private void changed() {
        services = null;
    }

    /**
     * The level the server drives this factory's connections with, from {@code transactionSupportLevel}
     * (JCA 1.6, section 7.13: it overrides the adapter's {@code XATransaction}). Read on its own, not
     * with the other settings, so a mistake elsewhere still fails where it always did.
     *
     * @throws IllegalArgumentException naming {@code transactionSupportLevel} if its value is not accepted
     */
    @Override
    public TransactionSupportLevel getTransactionSupport() {
        try {
            return SettingsReader.transactionMode(this).level();
        } catch (InvalidPropertyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
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

    // The JavaBean accessors of the settings, in field order; each setter drops what was made from the old value.

    public String getConfigName() { return configName; }
    public void setConfigName(String configName) { this.configName = configName; changed(); }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; changed(); }

    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; changed(); }

    public String getSecurity() { return security; }
    public void setSecurity(String security) { this.security = security; changed(); }

    public String getProbePorts() { return probePorts; }
    public void setProbePorts(String probePorts) { this.probePorts = probePorts; changed(); }

    public Boolean getTlsCheckServerIdentity() { return tlsCheckServerIdentity; }
    public void setTlsCheckServerIdentity(Boolean tlsCheckServerIdentity) { this.tlsCheckServerIdentity = tlsCheckServerIdentity; changed(); }

    public String getTlsTrustStore() { return tlsTrustStore; }
    public void setTlsTrustStore(String tlsTrustStore) { this.tlsTrustStore = tlsTrustStore; changed(); }

    public String getTlsTrustStoreType() { return tlsTrustStoreType; }
    public void setTlsTrustStoreType(String tlsTrustStoreType) { this.tlsTrustStoreType = tlsTrustStoreType; changed(); }

    public String getTlsTrustStorePassword() { return tlsTrustStorePassword; }
    public void setTlsTrustStorePassword(String tlsTrustStorePassword) { this.tlsTrustStorePassword = tlsTrustStorePassword; changed(); }

    public String getTlsTrustPem() { return tlsTrustPem; }
    public void setTlsTrustPem(String tlsTrustPem) { this.tlsTrustPem = tlsTrustPem; changed(); }

    public String getTlsKeyStore() { return tlsKeyStore; }
    public void setTlsKeyStore(String tlsKeyStore) { this.tlsKeyStore = tlsKeyStore; changed(); }

    public String getTlsKeyStoreType() { return tlsKeyStoreType; }
    public void setTlsKeyStoreType(String tlsKeyStoreType) { this.tlsKeyStoreType = tlsKeyStoreType; changed(); }

    public String getTlsKeyStorePassword() { return tlsKeyStorePassword; }
    public void setTlsKeyStorePassword(String tlsKeyStorePassword) { this.tlsKeyStorePassword = tlsKeyStorePassword; changed(); }

    public Boolean getAllowPlaintextAuth() { return allowPlaintextAuth; }
    public void setAllowPlaintextAuth(Boolean allowPlaintextAuth) { this.allowPlaintextAuth = allowPlaintextAuth; changed(); }
    public Boolean getAuthOptional() { return authOptional; }
    public void setAuthOptional(Boolean authOptional) { this.authOptional = authOptional; changed(); }

    public String getAuthMechanisms() { return authMechanisms; }
    public void setAuthMechanisms(String authMechanisms) { this.authMechanisms = authMechanisms; changed(); }

    public String getOauth2TokenProvider() { return oauth2TokenProvider; }
    public void setOauth2TokenProvider(String oauth2TokenProvider) { this.oauth2TokenProvider = oauth2TokenProvider; changed(); }

    public String getOauth2AccessToken() { return oauth2AccessToken; }
    public void setOauth2AccessToken(String oauth2AccessToken) { this.oauth2AccessToken = oauth2AccessToken; changed(); }

    public String getOauth2TokenUrl() { return oauth2TokenUrl; }
    public void setOauth2TokenUrl(String oauth2TokenUrl) { this.oauth2TokenUrl = oauth2TokenUrl; changed(); }

    public String getOauth2ClientId() { return oauth2ClientId; }
    public void setOauth2ClientId(String oauth2ClientId) { this.oauth2ClientId = oauth2ClientId; changed(); }

    public String getOauth2ClientSecret() { return oauth2ClientSecret; }
    public void setOauth2ClientSecret(String oauth2ClientSecret) { this.oauth2ClientSecret = oauth2ClientSecret; changed(); }

    public String getOauth2RefreshToken() { return oauth2RefreshToken; }
    public void setOauth2RefreshToken(String oauth2RefreshToken) { this.oauth2RefreshToken = oauth2RefreshToken; changed(); }

    public String getOauth2Scope() { return oauth2Scope; }
    public void setOauth2Scope(String oauth2Scope) { this.oauth2Scope = oauth2Scope; changed(); }

    public String getOauth2RefreshTokenListener() { return oauth2RefreshTokenListener; }
    public void setOauth2RefreshTokenListener(String oauth2RefreshTokenListener) { this.oauth2RefreshTokenListener = oauth2RefreshTokenListener; changed(); }

    public String getProxyType() { return proxyType; }
    public void setProxyType(String proxyType) { this.proxyType = proxyType; changed(); }

    public String getProxyHost() { return proxyHost; }
    public void setProxyHost(String proxyHost) { this.proxyHost = proxyHost; changed(); }

    public Integer getProxyPort() { return proxyPort; }
    public void setProxyPort(Integer proxyPort) { this.proxyPort = proxyPort; changed(); }

    public String getProxyUsername() { return proxyUsername; }
    public void setProxyUsername(String proxyUsername) { this.proxyUsername = proxyUsername; changed(); }

    public String getProxyPassword() { return proxyPassword; }
    public void setProxyPassword(String proxyPassword) { this.proxyPassword = proxyPassword; changed(); }

    public Boolean getMailDebug() { return mailDebug; }
    public void setMailDebug(Boolean mailDebug) { this.mailDebug = mailDebug; changed(); }

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; changed(); }

    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; changed(); }

    public String getDefaultFrom() { return defaultFrom; }
    public void setDefaultFrom(String defaultFrom) { this.defaultFrom = defaultFrom; changed(); }

    public String getEhloName() { return ehloName; }
    public void setEhloName(String ehloName) { this.ehloName = ehloName; changed(); }

    public Integer getConnectTimeoutMillis() { return connectTimeoutMillis; }
    public void setConnectTimeoutMillis(Integer connectTimeoutMillis) { this.connectTimeoutMillis = connectTimeoutMillis; changed(); }

    public Integer getReadTimeoutMillis() { return readTimeoutMillis; }
    public void setReadTimeoutMillis(Integer readTimeoutMillis) { this.readTimeoutMillis = readTimeoutMillis; changed(); }

    public Integer getWriteTimeoutMillis() { return writeTimeoutMillis; }
    public void setWriteTimeoutMillis(Integer writeTimeoutMillis) { this.writeTimeoutMillis = writeTimeoutMillis; changed(); }

    public Integer getMaxMessagesPerConnection() { return maxMessagesPerConnection; }
    public void setMaxMessagesPerConnection(Integer maxMessagesPerConnection) { this.maxMessagesPerConnection = maxMessagesPerConnection; changed(); }

    public Integer getMaxConnectionAgeSeconds() { return maxConnectionAgeSeconds; }
    public void setMaxConnectionAgeSeconds(Integer maxConnectionAgeSeconds) { this.maxConnectionAgeSeconds = maxConnectionAgeSeconds; changed(); }

    public Boolean getPipelining() { return pipelining; }
    public void setPipelining(Boolean pipelining) { this.pipelining = pipelining; changed(); }

    public String getTransactionSupportLevel() { return transactionSupportLevel; }
    public void setTransactionSupportLevel(String transactionSupportLevel) { this.transactionSupportLevel = transactionSupportLevel; changed(); }

    public String getOutbox() { return outbox; }
    public void setOutbox(String outbox) { this.outbox = outbox; changed(); }

    public String getOutboxDataSource() { return outboxDataSource; }
    public void setOutboxDataSource(String outboxDataSource) { this.outboxDataSource = outboxDataSource; changed(); }

    public Integer getOutboxLeaseSeconds() { return outboxLeaseSeconds; }
    public void setOutboxLeaseSeconds(Integer outboxLeaseSeconds) { this.outboxLeaseSeconds = outboxLeaseSeconds; changed(); }

    public String getOutboxDirectory() { return outboxDirectory; }
    public void setOutboxDirectory(String outboxDirectory) { this.outboxDirectory = outboxDirectory; changed(); }

    public Integer getOutboxMaxMegabytes() { return outboxMaxMegabytes; }
    public void setOutboxMaxMegabytes(Integer outboxMaxMegabytes) { this.outboxMaxMegabytes = outboxMaxMegabytes; changed(); }

    public Integer getDeliveryWorkers() { return deliveryWorkers; }
    public void setDeliveryWorkers(Integer deliveryWorkers) { this.deliveryWorkers = deliveryWorkers; changed(); }

    public Integer getRetryInitialDelayMillis() { return retryInitialDelayMillis; }
    public void setRetryInitialDelayMillis(Integer retryInitialDelayMillis) { this.retryInitialDelayMillis = retryInitialDelayMillis; changed(); }

    public Integer getRetryMaxDelayMillis() { return retryMaxDelayMillis; }
    public void setRetryMaxDelayMillis(Integer retryMaxDelayMillis) { this.retryMaxDelayMillis = retryMaxDelayMillis; changed(); }

    public Integer getMaxDeliveryAgeMinutes() { return maxDeliveryAgeMinutes; }
    public void setMaxDeliveryAgeMinutes(Integer maxDeliveryAgeMinutes) { this.maxDeliveryAgeMinutes = maxDeliveryAgeMinutes; changed(); }

    public Integer getMaxDeliveryAttempts() { return maxDeliveryAttempts; }
    public void setMaxDeliveryAttempts(Integer maxDeliveryAttempts) { this.maxDeliveryAttempts = maxDeliveryAttempts; changed(); }

    public String getSmimeKeyStore() { return smimeKeyStore; }
    public void setSmimeKeyStore(String smimeKeyStore) { this.smimeKeyStore = smimeKeyStore; changed(); }

    public String getSmimeKeyStoreType() { return smimeKeyStoreType; }
    public void setSmimeKeyStoreType(String smimeKeyStoreType) { this.smimeKeyStoreType = smimeKeyStoreType; changed(); }

    public String getSmimeKeyStorePassword() { return smimeKeyStorePassword; }
    public void setSmimeKeyStorePassword(String smimeKeyStorePassword) { this.smimeKeyStorePassword = smimeKeyStorePassword; changed(); }

    public String getSmimeKeyAlias() { return smimeKeyAlias; }
    public void setSmimeKeyAlias(String smimeKeyAlias) { this.smimeKeyAlias = smimeKeyAlias; changed(); }

    public String getSmimeEncryption() { return smimeEncryption; }
    public void setSmimeEncryption(String smimeEncryption) { this.smimeEncryption = smimeEncryption; changed(); }

    public String getSmimeCertificateProvider() { return smimeCertificateProvider; }
    public void setSmimeCertificateProvider(String smimeCertificateProvider) { this.smimeCertificateProvider = smimeCertificateProvider; changed(); }

    public String getDkimKeys() { return dkimKeys; }
    public void setDkimKeys(String dkimKeys) { this.dkimKeys = dkimKeys; changed(); }

    public String getDkimHeaders() { return dkimHeaders; }
    public void setDkimHeaders(String dkimHeaders) { this.dkimHeaders = dkimHeaders; changed(); }

    public Boolean getDkimOversign() { return dkimOversign; }
    public void setDkimOversign(Boolean dkimOversign) { this.dkimOversign = dkimOversign; changed(); }

    public String getDkimCanonicalization() { return dkimCanonicalization; }
    public void setDkimCanonicalization(String dkimCanonicalization) { this.dkimCanonicalization = dkimCanonicalization; changed(); }

    public String getDeliveryMethod() { return deliveryMethod; }
    public void setDeliveryMethod(String deliveryMethod) { this.deliveryMethod = deliveryMethod; changed(); }

    public String getPickupDirectory() { return pickupDirectory; }
    public void setPickupDirectory(String pickupDirectory) { this.pickupDirectory = pickupDirectory; changed(); }

    public String getJmsConnectionFactory() { return jmsConnectionFactory; }
    public void setJmsConnectionFactory(String jmsConnectionFactory) { this.jmsConnectionFactory = jmsConnectionFactory; changed(); }

    public String getJmsQueue() { return jmsQueue; }
    public void setJmsQueue(String jmsQueue) { this.jmsQueue = jmsQueue; changed(); }

    public String getRecipientAllowList() { return recipientAllowList; }
    public void setRecipientAllowList(String recipientAllowList) { this.recipientAllowList = recipientAllowList; changed(); }

    public String getRedirectTo() { return redirectTo; }
    public void setRedirectTo(String redirectTo) { this.redirectTo = redirectTo; changed(); }

    /** Two factories are equal when every setting is. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof SmtpManagedConnectionFactory other && ConfigFields.equal(this, other);
    }

    @Override
    public int hashCode() {
        return ConfigFields.hash(this);
    }

    @Override
    public String toString() {
        return "SmtpManagedConnectionFactory[host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username + ", password=" + Secrets.mask(password) + "]";
    }
}
