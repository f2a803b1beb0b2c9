/**
 * A connection factory's settings as immutable, checked values: the SMTP server and timeouts
 * ({@link io.mailroom.adapter.config.SmtpSettings}), security (mode, TLS trust, authentication,
 * OAuth2, proxy) and the outbox. No I/O here: the factory's settings reader fills these in.
 */
package io.mailroom.adapter.config;
