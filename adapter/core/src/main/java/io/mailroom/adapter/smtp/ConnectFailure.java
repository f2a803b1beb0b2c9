package io.mailroom.adapter.smtp;

import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailDeliveryException;
import io.mailroom.api.MailException;

/**
 * Why one attempt to open an SMTP connection on one {@link Route} failed, sorted so that probing
 * can decide what to try next and the user is told what matters. Never carries a secret.
 */
final class ConnectFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure, from "nothing there" to "wrong password". */
    enum Kind {
        /** Nothing accepted the TCP connection, or it timed out. */
        UNREACHABLE,
        /** The proxy would not open the tunnel. */
        PROXY_FAILED,
        /** Implicit TLS was tried, and the server answered in plaintext. */
        NOT_TLS,
        /** The TLS handshake failed: an untrusted or misnamed certificate, no common protocol. */
        TLS_FAILED,
        /** STARTTLS was required, and the server does not offer it. */
        NO_STARTTLS,
        /** Credentials would have gone over plaintext, and {@code allowPlaintextAuth} is false. */
        PLAINTEXT_AUTH_REFUSED,
        /** Credentials are set, the server offers no AUTH, and {@code authOptional} is false. */
        NO_AUTH,
        /** The server refused the credentials. */
        AUTH_FAILED,
        /** No OAuth2 access token could be had. */
        NO_TOKEN,
        /** Anything else: the greeting never came, the server closed the connection. */
        OTHER
    }

    private final Kind kind;
    private final transient Route route;
    private final String reason;
    private final String mechanism;
    private final int replyCode;

    ConnectFailure(Kind kind, Route route, String reason, Throwable cause) {
        this(kind, route, reason, null, 0, cause);
    }

    private ConnectFailure(Kind kind, Route route, String reason, String mechanism, int replyCode, Throwable cause) {
        super(route + ": " + reason, cause);
        this.kind = kind;
        this.route = route;
        this.reason = reason;
        this.mechanism = mechanism;
        this.replyCode = replyCode;
    }

    /**
     * @param mechanism the SASL mechanism the server refused
     * @param replyCode the server's reply code, usually 535
     * @param reply the server's reply
     */
    static ConnectFailure authenticationFailed(Route route, String mechanism, int replyCode, String reply, Throwable cause) {
        return new ConnectFailure(Kind.AUTH_FAILED, route, reply, mechanism, replyCode, cause);
    }

    Kind kind() {
        return kind;
    }

    Route route() {
        return route;
    }

    /** @return why, in a few words, for the list of attempts of a probe */
    String reason() {
        return reason;
    }

    /**
     * @param user the user name, for authentication failures
     * @return what the application sees: a {@link MailDeliveryException} (535) for refused
     *         credentials, else a {@link MailConnectionException}
     */
    MailException toMailException(String user) {
        String address = route.address();
        return switch (kind) {
            case AUTH_FAILED -> MailDeliveryException.of(replyCode, reason,
                    SmtpMessages.authenticationFailed(user, address, mechanism, reason), this);
            case NOT_TLS, TLS_FAILED -> new MailConnectionException(route.host(), route.port(),
                    SmtpMessages.tlsFailed(route.toString(), reason), this);
            case NO_STARTTLS -> new MailConnectionException(route.host(), route.port(),
                    SmtpMessages.startTlsMissing(address), this);
            case NO_AUTH -> new MailConnectionException(route.host(), route.port(), SmtpMessages.noAuthOffered(user, address), this);
            case PLAINTEXT_AUTH_REFUSED -> new MailConnectionException(route.host(), route.port(),
                    SmtpMessages.plaintextAuthRefused(user, address), this);
            case PROXY_FAILED -> new MailConnectionException(route.host(), route.port(),
                    SmtpMessages.proxyFailed(address, reason), this);
            case NO_TOKEN -> new MailConnectionException(route.host(), route.port(), SmtpMessages.noAccessToken(reason), this);
            case UNREACHABLE -> new MailConnectionException(route.host(), route.port(),
                    SmtpMessages.cannotConnect(address, reason), this);
            case OTHER -> new MailConnectionException(route.host(), route.port(),
                    SmtpMessages.connectionLost(address, reason), this);
        };
    }
}
