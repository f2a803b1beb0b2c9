package io.mailroom.adapter;

import io.mailroom.adapter.config.ConfigMessages;
import io.mailroom.adapter.config.OAuth2Settings;
import io.mailroom.adapter.config.ProxySettings;
import io.mailroom.adapter.config.Security;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.TlsSettings;

import jakarta.resource.spi.InvalidPropertyException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and checks the security settings of a {@link SmtpManagedConnectionFactory}; every
 * refusal names the property at fault ({@code MAILROOM-4001}), and never shows a secret's value.
 */
final class SecuritySettingsReader {
    /** The SASL mechanisms Angus Mail implements. */
    static final Set<String> MECHANISMS = Set.of("LOGIN", "PLAIN", "DIGEST-MD5", "NTLM", "XOAUTH2");
    private static final String XOAUTH2 = "XOAUTH2";
    private static final String HIDDEN = "****";

    private SecuritySettingsReader() {
    }

    static SecuritySettings read(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        Security mode = parseEnum("security", f.getSecurity(), Security.class, Security.STARTTLS_WHEN_AVAILABLE);
        List<Integer> probePorts = f.getPort() != null ? List.of(f.getPort())
                : parsePorts("probePorts", f.getProbePorts());
        TlsSettings tls = new TlsSettings(f.getTlsCheckServerIdentity() == null || f.getTlsCheckServerIdentity(),
                blankToNull(f.getTlsTrustStore()), typeOrDefault(f.getTlsTrustStoreType()),
                blankToNull(f.getTlsTrustStorePassword()), blankToNull(f.getTlsTrustPem()),
                blankToNull(f.getTlsKeyStore()), typeOrDefault(f.getTlsKeyStoreType()),
                blankToNull(f.getTlsKeyStorePassword()));
        OAuth2Settings oauth2 = oauth2(f);
        List<String> mechanisms = mechanisms(f.getAuthMechanisms(), oauth2);
        checkCredentials(f, oauth2, mechanisms);
        return new SecuritySettings(mode, probePorts, tls, Boolean.TRUE.equals(f.getAllowPlaintextAuth()),
                Boolean.TRUE.equals(f.getAuthOptional()),
                mechanisms, oauth2, proxy(f));
    }

    private static OAuth2Settings oauth2(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        String provider = blankToNull(f.getOauth2TokenProvider());
        String accessToken = blankToNull(f.getOauth2AccessToken());
        String url = blankToNull(f.getOauth2TokenUrl());
        int sources = (provider != null ? 1 : 0) + (accessToken != null ? 1 : 0) + (url != null ? 1 : 0);
        if (sources > 1) {
            throw invalid("oauth2TokenProvider", provider,
                    "set only one of oauth2TokenProvider, oauth2AccessToken and oauth2TokenUrl");
        }
        OAuth2Settings s = new OAuth2Settings(provider, accessToken, url == null ? null : tokenUrl(url),
                blankToNull(f.getOauth2ClientId()), blankToNull(f.getOauth2ClientSecret()),
                blankToNull(f.getOauth2RefreshToken()), blankToNull(f.getOauth2Scope()),
                blankToNull(f.getOauth2RefreshTokenListener()));
        if (s.tokenUrl() != null && s.clientId() == null) {
            throw invalid("oauth2ClientId", null, "the token endpoint oauth2TokenUrl needs a client id");
        }
        if (s.grant() == OAuth2Settings.Grant.CLIENT_CREDENTIALS && s.clientSecret() == null) {
            throw invalid("oauth2ClientSecret", null,
                    "the client-credentials grant (oauth2TokenUrl without oauth2RefreshToken) needs a client secret");
        }
        if (s.tokenUrl() == null && (s.refreshToken() != null || s.clientSecret() != null)) {
            throw invalid("oauth2TokenUrl", null, "oauth2RefreshToken and oauth2ClientSecret need a token endpoint");
        }
        return s;
    }

    /** A client secret or refresh token goes only over https, or to a token endpoint on this machine. */
    private static URI tokenUrl(String text) throws InvalidPropertyException {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw invalid("oauth2TokenUrl", text, "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && isLoopback(uri.getHost()))) {
            throw invalid("oauth2TokenUrl", text, "must be an https URL (http only for a loopback address)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<String> mechanisms(String text, OAuth2Settings oauth2) throws InvalidPropertyException {
        List<String> mechanisms = new ArrayList<>();
        for (String token : words(text)) {
            String mechanism = token.toUpperCase(Locale.ROOT);
            if (!MECHANISMS.contains(mechanism)) {
                throw invalid("authMechanisms", text, "'" + token + "' is not one of " + new java.util.TreeSet<>(MECHANISMS));
            }
            mechanisms.add(mechanism);
        }
        boolean oauth = oauth2.grant() != OAuth2Settings.Grant.NONE;
        if (oauth && mechanisms.isEmpty()) {
            return List.of(XOAUTH2);
        }
        if (oauth && !mechanisms.equals(List.of(XOAUTH2))) {
            throw invalid("authMechanisms", text, "with OAuth2 settings the only mechanism is XOAUTH2");
        }
        if (!oauth && mechanisms.contains(XOAUTH2)) {
            throw invalid("authMechanisms", text,
                    "XOAUTH2 needs oauth2AccessToken, oauth2TokenUrl or oauth2TokenProvider");
        }
        return mechanisms;
    }

    private static void checkCredentials(SmtpManagedConnectionFactory f, OAuth2Settings oauth2, List<String> mechanisms)
            throws InvalidPropertyException {
        boolean user = blankToNull(f.getUsername()) != null;
        if (oauth2.grant() != OAuth2Settings.Grant.NONE) {
            if (!user) {
                throw invalid("username", null, "XOAUTH2 needs the mailbox to authenticate as in username");
            }
            if (blankToNull(f.getPassword()) != null) {
                throw invalid("password", HIDDEN, "with OAuth2 settings the access token takes the password's place; remove it");
            }
        } else if (!mechanisms.isEmpty() && !user) {
            throw invalid("authMechanisms", String.join(" ", mechanisms), "authentication needs username and password");
        }
    }

    private static ProxySettings proxy(SmtpManagedConnectionFactory f) throws InvalidPropertyException {
        ProxySettings.Type type = parseEnum("proxyType", f.getProxyType(), ProxySettings.Type.class, ProxySettings.Type.NONE);
        String host = blankToNull(f.getProxyHost());
        String user = blankToNull(f.getProxyUsername());
        String password = blankToNull(f.getProxyPassword());
        if (type == ProxySettings.Type.NONE) {
            if (host != null) {
                throw invalid("proxyType", f.getProxyType(), "proxyHost is set: name the proxy's kind, SOCKS5 or HTTP");
            }
            return ProxySettings.NONE;
        }
        if (host == null) {
            throw invalid("proxyHost", null, "proxyType=" + type + " needs the proxy's host");
        }
        Integer port = f.getProxyPort();
        if (port == null || port < 1 || port > 65_535) {
            throw invalid("proxyPort", port, "proxyType=" + type + " needs the proxy's port, between 1 and 65535");
        }
        if (password != null && user == null) {
            throw invalid("proxyUsername", null, "a proxyPassword is set, so proxyUsername must be set too");
        }
        return new ProxySettings(type, host, port, user, password);
    }

    private static List<Integer> parsePorts(String property, String text) throws InvalidPropertyException {
        List<String> words = words(text);
        if (words.isEmpty()) {
            return Security.STANDARD_PROBE_PORTS;
        }
        List<Integer> ports = new ArrayList<>();
        for (String word : words) {
            try {
                int port = Integer.parseInt(word);
                if (port >= 1 && port <= 65_535 && !ports.contains(port)) {
                    ports.add(port);
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(property, text, "must list distinct ports between 1 and 65535, for example 465,587,25");
        }
        return ports;
    }

    private static <E extends Enum<E>> E parseEnum(String property, String text, Class<E> type, E defaultValue)
            throws InvalidPropertyException {
        String value = blankToNull(text);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid(property, text, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static List<String> words(String text) {
        String value = blankToNull(text);
        return value == null ? List.of() : Arrays.asList(value.split("[,\\s]+"));
    }

    private static String typeOrDefault(String type) {
        String value = blankToNull(type);
        return value == null ? "PKCS12" : value;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static InvalidPropertyException invalid(String property, Object value, String rule) {
        return new InvalidPropertyException(ConfigMessages.invalidSetting(property, value, rule));
    }
}
