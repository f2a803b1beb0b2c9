package io.mailroom.adapter.config;

import java.net.URI;

/**
 * Where XOAUTH2 access tokens come from. Secrets are masked by {@link #toString()}.
 *
 * @param tokenProvider name of a registered {@link io.mailroom.api.auth.TokenProvider} or a class name, or {@code null}
 * @param accessToken a fixed access token, or {@code null}
 * @param tokenUrl the token endpoint for the refresh-token and client-credentials grants, or {@code null}
 * @param clientId the OAuth client id
 * @param clientSecret the OAuth client secret, or {@code null} for a public client
 * @param refreshToken the refresh token; with it the refresh-token grant is used, without it client credentials
 * @param scope the scope to ask for, or {@code null}
 * @param refreshTokenListener name of a {@link io.mailroom.api.auth.RefreshTokenListener} or a class name, or {@code null}
 */
public record OAuth2Settings(String tokenProvider, String accessToken, URI tokenUrl, String clientId, String clientSecret,
                      String refreshToken, String scope, String refreshTokenListener) {

    public static final OAuth2Settings NONE = new OAuth2Settings(null, null, null, null, null, null, null, null);

    /** Where tokens come from. */
    public enum Grant {
        /** No OAuth2: password authentication, if any. */
        NONE,
        /** {@code oauth2AccessToken}, used as it is. */
        STATIC_TOKEN,
        /** The refresh-token grant against {@code oauth2TokenUrl}. */
        REFRESH_TOKEN,
        /** The client-credentials grant against {@code oauth2TokenUrl}. */
        CLIENT_CREDENTIALS,
        /** An application's {@link io.mailroom.api.auth.TokenProvider}. */
        PROVIDER
    }

    public Grant grant() {
        if (tokenProvider != null) {
            return Grant.PROVIDER;
        }
        if (accessToken != null) {
            return Grant.STATIC_TOKEN;
        }
        if (tokenUrl != null) {
            return refreshToken != null ? Grant.REFRESH_TOKEN : Grant.CLIENT_CREDENTIALS;
        }
        return Grant.NONE;
    }

    @Override
    public String toString() {
        return "OAuth2Settings[grant=" + grant() + ", tokenProvider=" + tokenProvider + ", accessToken="
                + Secrets.mask(accessToken) + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret="
                + Secrets.mask(clientSecret) + ", refreshToken=" + Secrets.mask(refreshToken) + ", scope=" + scope
                + ", refreshTokenListener=" + refreshTokenListener + "]";
    }
}
