package io.mailroom.adapter;

import io.mailroom.adapter.config.OAuth2Settings;
import io.mailroom.adapter.config.Security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The security settings as the connection factory reads them: defaults, ports, refusals naming the property. */
class SecuritySettingsTest {
    private static final String SECRET = "t0p-s3cret";

    @Test
    void theDefaultIsStartTlsWhenAvailableOnPort25WithoutPlaintextAuth() throws Exception {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();

        assertEquals(Security.STARTTLS_WHEN_AVAILABLE, factory.securitySettings().mode());
        assertEquals(25, factory.settings().port());
        assertFalse(factory.securitySettings().allowPlaintextAuth());
        assertTrue(factory.securitySettings().tls().checkServerIdentity());
    }

    @Test
    void eachFixedModeHasItsStandardPort() throws Exception {
        assertEquals(465, portFor("SSL_IMPLICIT"));
        assertEquals(587, portFor("STARTTLS_REQUIRED"));
        assertEquals(25, portFor("NONE"));
        assertEquals(465, portFor("ssl-implicit"));
    }

    @Test
    void probingUsesProbePortsOrOnlyTheGivenPort() throws Exception {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setSecurity("AUTO");
        assertEquals(List.of(465, 587, 25), factory.securitySettings().probePorts());

        factory.setProbePorts("2465, 2587");
        assertEquals(List.of(2465, 2587), factory.securitySettings().probePorts());

        factory.setPort(587);
        assertEquals(List.of(587), factory.securitySettings().probePorts());
    }

    @Test
    void anUnknownSecurityModeIsRefusedListingTheModes() {
        assertRefused("security=SSL", "must be one of [NONE, SSL_IMPLICIT, STARTTLS_REQUIRED,", f -> f.setSecurity("SSL"));
    }

    @Test
    void badProbePortsAreRefused() {
        assertRefused("probePorts=465,x", "distinct ports", f -> f.setProbePorts("465,x"));
        assertRefused("probePorts=465,465", "distinct ports", f -> f.setProbePorts("465,465"));
    }

    @Test
    void anUnknownMechanismIsRefused() {
        assertRefused("authMechanisms=PLAIN CRAM-MD5", "'CRAM-MD5' is not one of", f -> {
            f.setUsername("u");
            f.setAuthMechanisms("PLAIN CRAM-MD5");
        });
    }

    @Test
    void oauth2NeedsAUsernameAndNoPassword() {
        assertRefused("username=null", "XOAUTH2 needs the mailbox", f -> f.setOauth2AccessToken(SECRET));
        assertRefused("password=****", "the access token takes the password's place", f -> {
            f.setUsername("u");
            f.setPassword(SECRET);
            f.setOauth2AccessToken(SECRET);
        });
    }

    @Test
    void oauth2TakesOneSourceOfTokens() {
        assertRefused("oauth2TokenProvider=p", "only one of", f -> {
            f.setUsername("u");
            f.setOauth2TokenProvider("p");
            f.setOauth2AccessToken(SECRET);
        });
    }

    @Test
    void theClientCredentialsGrantNeedsAClientSecret() {
        assertRefused("oauth2ClientSecret=null", "client-credentials grant", f -> {
            f.setUsername("u");
            f.setOauth2TokenUrl("https://login.example.com/token");
            f.setOauth2ClientId("c");
        });
    }

    @Test
    void aTokenEndpointMustBeHttpsUnlessOnLoopback() throws Exception {
        assertRefused("oauth2TokenUrl=http://login.example.com/token", "must be an https URL", f -> {
            f.setUsername("u");
            f.setOauth2TokenUrl("http://login.example.com/token");
            f.setOauth2ClientId("c");
            f.setOauth2RefreshToken(SECRET);
        });
        SmtpManagedConnectionFactory loopback = new SmtpManagedConnectionFactory();
        loopback.setUsername("u");
        loopback.setOauth2TokenUrl("http://127.0.0.1:8080/token");
        loopback.setOauth2ClientId("c");
        loopback.setOauth2RefreshToken(SECRET);
        assertEquals(OAuth2Settings.Grant.REFRESH_TOKEN, loopback.securitySettings().oauth2().grant());
    }

    @Test
    void aProxyNeedsItsKindHostAndPort() {
        assertRefused("proxyType=NONE", "name the proxy's kind", f -> f.setProxyHost("proxy.example.com"));
        assertRefused("proxyPort=null", "needs the proxy's port", f -> {
            f.setProxyType("SOCKS5");
            f.setProxyHost("proxy.example.com");
        });
    }

    @Test
    void anUnreadableTrustStoreIsRefusedWhenTheFactoryIsCreated() {
        assertRefused("MAILROOM-4011 connection factory property tlsTrustStore cannot be used: /no/such/store.p12",
                "", f -> f.setTlsTrustStore("/no/such/store.p12"));
    }

    @Test
    void toStringMasksEverySecret() throws Exception {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setUsername("u");
        factory.setOauth2TokenUrl("https://login.example.com/token");
        factory.setOauth2ClientId("client-id");
        factory.setOauth2ClientSecret(SECRET + "1");
        factory.setOauth2RefreshToken(SECRET + "2");
        factory.setTlsTrustStorePassword(SECRET + "3");
        factory.setTlsKeyStorePassword(SECRET + "4");
        factory.setProxyType("HTTP");
        factory.setProxyHost("proxy.example.com");
        factory.setProxyPort(3128);
        factory.setProxyUsername("relay");
        factory.setProxyPassword(SECRET + "5");

        String text = factory.securitySettings().toString() + factory;

        assertFalse(text.contains(SECRET), text);
        assertTrue(text.contains("client-id") && text.contains("relay") && text.contains("****"), text);
    }

    @Test
    void factoriesDifferingOnlyInSecurityAreNotEqual() {
        SmtpManagedConnectionFactory a = new SmtpManagedConnectionFactory();
        SmtpManagedConnectionFactory b = new SmtpManagedConnectionFactory();
        assertEquals(a, b);
        b.setSecurity("SSL_IMPLICIT");
        assertFalse(a.equals(b));
    }

    private static int portFor(String security) throws Exception {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setSecurity(security);
        return factory.settings().port();
    }

    private static void assertRefused(String propertyAndValue, String rule, Consumer<SmtpManagedConnectionFactory> setting) {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        setting.accept(factory);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> factory.createConnectionFactory(new StandaloneConnectionManager(1)));
        assertTrue(e.getMessage().contains(propertyAndValue) && e.getMessage().contains(rule), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }
}
