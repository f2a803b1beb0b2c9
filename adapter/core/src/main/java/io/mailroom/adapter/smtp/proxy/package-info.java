/**
 * The client side of the proxies an SMTP connection can go through: SOCKS5 with
 * username/password authentication and HTTP CONNECT with Basic authentication, each run on a
 * socket already connected to the proxy, leaving a tunnel to the SMTP server.
 */
package io.mailroom.adapter.smtp.proxy;
