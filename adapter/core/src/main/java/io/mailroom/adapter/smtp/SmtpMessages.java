package io.mailroom.adapter.smtp;

/**
 * Messages about SMTP connections and the server's replies, with their stable ids. The id ranges are listed once, in the
 * {@code io.mailroom.adapter} package documentation.
 */
final class SmtpMessages {
    private SmtpMessages() {
    }

    static String cannotConnect(String address, int connectTimeoutMillis, String reason) {
        return cannotConnect(address + " (connect timeout " + connectTimeoutMillis + " ms)", reason);
    }

    static String writeTimeoutNotStarted(Exception cause) {
        return "MAILROOM-2048 the write timeout (writeTimeoutMillis) of the SMTP connection could not be started ("
                + cause + "): the WorkManager refused its work; the connection is not used";
    }

    static String cannotConnect(String address, String reason) {
        return "MAILROOM-2001 cannot connect to SMTP server " + address + ": " + reason;
    }

    static String connectionLost(String address, String reason) {
        return "MAILROOM-2002 the connection to SMTP server " + address + " broke: " + reason;
    }

    static String authenticationFailed(String user, String address, String mechanism, String reply) {
        return "MAILROOM-2005 authentication failed for user " + user + " on " + address + " with mechanism "
                + mechanism + ": " + reply;
    }

    static String tlsFailed(String route, String reason) {
        return "MAILROOM-2020 TLS with SMTP server " + route + " failed, nothing was sent: " + reason;
    }

    static String startTlsMissing(String address) {
        return "MAILROOM-2021 SMTP server " + address + " does not offer STARTTLS, and security=STARTTLS_REQUIRED:"
                + " no credentials and no mail were sent (a server that really lacks STARTTLS needs"
                + " security=STARTTLS_WHEN_AVAILABLE; one that should have it may be behind an attacker stripping it)";
    }

    static String noAuthOffered(String user, String address) {
        return "MAILROOM-2030 credentials are set for user " + user + " but SMTP server " + address
                + " offers no AUTH (a relay that does not authenticate, or a connection stripped on the way):"
                + " nothing was sent; set authOptional=true if this server is meant to take mail without login";
    }

    static String noEnvelopeSender() {
        return "MAILROOM-2031 no envelope sender: a message goes to the transport only with its envelope";
    }

    static String plaintextAuthRefused(String user, String address) {
        return "MAILROOM-2022 not sending the credentials of user " + user + " to SMTP server " + address
                + " over an unencrypted connection (the server offered no STARTTLS): use security=STARTTLS_REQUIRED"
                + " or SSL_IMPLICIT, or set allowPlaintextAuth=true if the network to the server is trusted";
    }

    static String proxyFailed(String address, String reason) {
        return "MAILROOM-2023 the proxy did not connect to SMTP server " + address + ": " + reason;
    }

    static String noAccessToken(String reason) {
        return "MAILROOM-2024 no OAuth2 access token for XOAUTH2: " + reason;
    }

    static String probeFailed(String host, String mode, String attempts) {
        return "MAILROOM-2025 no port and encryption worked for SMTP server " + host + " (security=" + mode
                + "); tried: " + attempts;
    }

    static String probeChose(String host, String mode, String route, String attempts) {
        return "MAILROOM-2026 security=" + mode + " chose " + route + " for SMTP server " + host
                + (attempts.isEmpty() ? "" : " after: " + attempts);
    }

    static String plaintextChosen(String route) {
        return "MAILROOM-2027 security=AUTO found no encrypted way to " + route + ": mail to it goes unencrypted";
    }

    static String refused(String address, int code, String reply) {
        return "MAILROOM-3001 SMTP server " + address + " refused the message with " + code + ": " + reply;
    }

    static String allRecipientsRefused(String address, String reasons) {
        return "MAILROOM-3002 SMTP server " + address + " refused every recipient: " + reasons;
    }

    static String tlsSetupFailed(String property, String reason) {
        return "MAILROOM-4011 connection factory property " + property + " cannot be used: " + reason;
    }

    static String tokenPluginMissing(String property, String name, String reason) {
        return "MAILROOM-4012 connection factory property " + property + "=" + name
                + " names no registered plug-in and no loadable class: " + reason;
    }
}
