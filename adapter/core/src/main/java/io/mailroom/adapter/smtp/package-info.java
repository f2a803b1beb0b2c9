/**
 * One SMTP connection: the route (host, port, encryption; probed for {@code AUTO} and
 * {@code SSL_AUTO}), the socket (with TCP_NODELAY, through a proxy if configured), TLS with the
 * server's identity checked, authentication (password or XOAUTH2), sending a composed message and
 * turning the server's replies into Mailroom's exceptions.
 * {@link io.mailroom.adapter.smtp.SmtpConnector} opens connections, {@link io.mailroom.adapter.smtp.SmtpChannel}
 * keeps one open and sends over it.
 */
package io.mailroom.adapter.smtp;
