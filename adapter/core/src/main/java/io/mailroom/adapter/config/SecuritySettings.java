package io.mailroom.adapter.config;

import java.util.List;

/**
 * A connection factory's security settings as one checked value, made by
 * the factory's settings reader: the encryption, TLS trust, authentication and proxy.
 * {@link #toString()} masks every secret.
 *
 * @param mode the {@code security} setting
 * @param probePorts the ports AUTO and SSL_AUTO try, in order (just {@code port} if one is set)
 * @param tls trust and client certificate
 * @param allowPlaintextAuth whether credentials may be sent over an unencrypted connection
 * @param authOptional whether, with credentials set, a server that offers no AUTH may be used
 * @param authMechanisms the SASL mechanisms to use, in order of preference; empty for Angus Mail's default
 * @param oauth2 where XOAUTH2 tokens come from
 * @param proxy the proxy connections go through
 */
public record SecuritySettings(Security mode, List<Integer> probePorts, TlsSettings tls, boolean allowPlaintextAuth,
                               boolean authOptional,
                        List<String> authMechanisms, OAuth2Settings oauth2, ProxySettings proxy) {

    public SecuritySettings {
        probePorts = List.copyOf(probePorts);
        authMechanisms = List.copyOf(authMechanisms);
    }
}
