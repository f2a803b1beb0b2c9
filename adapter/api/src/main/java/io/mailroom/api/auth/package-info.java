/**
 * OAuth 2.0 for SMTP {@code AUTH XOAUTH2}: the {@link io.mailroom.api.auth.TokenProvider} SPI an
 * application implements when Mailroom's built-in grants (a static access token, the
 * refresh-token grant, the client-credentials grant) do not fit, the
 * {@link io.mailroom.api.auth.RefreshTokenListener} that stores rotated refresh tokens, and
 * {@link io.mailroom.api.auth.AuthPlugins}, where an application registers either under the name
 * a connection factory refers to.
 */
package io.mailroom.api.auth;
