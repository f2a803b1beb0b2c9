package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.Encryption;
import io.mailroom.adapter.config.Security;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;

import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Finds a port and encryption that work, for {@code security=AUTO} and {@code SSL_AUTO}, and
 * remembers it for the connection factory; when the remembered route stops working, probes again.
 *
 * <p>The order: on each port (by default 465, 587, 25), implicit TLS, and where the server
 * answers in plaintext instead, STARTTLS. Only AUTO then tries plaintext, and only on a port
 * whose server offered no STARTTLS (a failed TLS handshake is never "solved" by dropping TLS), and
 * not at all when credentials are set and {@code allowPlaintextAuth} is false. A port that
 * refuses the connection, or speaks TLS but fails (certificate, credentials), is not tried
 * further. A refused password is remembered while probing goes on: if nothing works, it is what
 * the user is told; otherwise every attempt and why it failed.
 */
final class RouteProbe {
    private static final Logger LOG = Logger.getLogger(RouteProbe.class.getName());

    private final RouteConnector connector;
    private final SmtpSettings smtp;
    private final SecuritySettings security;
    private volatile Route chosen;

    RouteProbe(RouteConnector connector, SmtpSettings smtp, SecuritySettings security) {
        this.connector = connector;
        this.smtp = smtp;
        this.security = security;
    }

    RouteConnector.Connection open() {
        Route remembered = chosen;
        if (remembered != null) {
            try {
                return connector.connect(remembered);
            } catch (ConnectFailure f) {
                if (f.kind() == ConnectFailure.Kind.NO_TOKEN) {
                    throw f.toMailException(smtp.username());
                }
                return probe(f);
            }
        }
        return probe(null);
    }

    /** One probe at a time: connections waiting for it then use what it found. */
    private synchronized RouteConnector.Connection probe(ConnectFailure rememberedFailed) {
        Route found = chosen;
        if (found != null && (rememberedFailed == null || !found.equals(rememberedFailed.route()))) {
            try {
                return connector.connect(found);
            } catch (ConnectFailure f) {
                rememberedFailed = f;
            }
        }
        chosen = null;
        Attempts attempts = new Attempts(rememberedFailed);
        Set<Integer> noStartTls = new LinkedHashSet<>();
        for (int port : security.probePorts()) {
            for (Encryption encryption : List.of(Encryption.IMPLICIT_TLS, Encryption.STARTTLS)) {
                Route route = new Route(smtp.host(), port, encryption);
                ConnectFailure failure = attempts.previous(route);
                if (failure == null) {
                    try {
                        return found(connector.connect(route), attempts);
                    } catch (ConnectFailure f) {
                        failure = attempts.add(f);
                    }
                }
                if (failure.kind() == ConnectFailure.Kind.NO_STARTTLS) {
                    noStartTls.add(port);
                }
                if (encryption != Encryption.IMPLICIT_TLS || failure.kind() != ConnectFailure.Kind.NOT_TLS) {
                    break;
                }
            }
        }
        if (security.mode() == Security.AUTO) {
            for (int port : noStartTls) {
                Route route = new Route(smtp.host(), port, Encryption.PLAINTEXT);
                if (smtp.authenticates() && !security.allowPlaintextAuth()) {
                    attempts.skipped(route, "not tried: the credentials would go unencrypted (allowPlaintextAuth=false)");
                    continue;
                }
                try {
                    RouteConnector.Connection connection = found(connector.connect(route), attempts);
                    LOG.warning(SmtpMessages.plaintextChosen(route.address()));
                    return connection;
                } catch (ConnectFailure f) {
                    attempts.add(f);
                }
            }
        }
        throw attempts.failure();
    }

    private RouteConnector.Connection found(RouteConnector.Connection connection, Attempts attempts) {
        chosen = connection.route();
        LOG.info(SmtpMessages.probeChose(smtp.host(), security.mode().name(), connection.route().toString(), attempts.describe()));
        return connection;
    }

    /** What a probe tried, and the first refused password. */
    private final class Attempts {
        private final List<ConnectFailure> failures = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();
        private ConnectFailure authFailure;

        Attempts(ConnectFailure rememberedFailed) {
            if (rememberedFailed != null) {
                add(rememberedFailed);
            }
        }

        ConnectFailure add(ConnectFailure f) {
            if (f.kind() == ConnectFailure.Kind.NO_TOKEN) {
                throw f.toMailException(smtp.username()); // no route fixes a missing token
            }
            failures.add(f);
            lines.add(f.route() + ": " + f.reason());
            if (f.kind() == ConnectFailure.Kind.AUTH_FAILED && authFailure == null) {
                authFailure = f;
            }
            return f;
        }

        /** @return the failure of this route earlier in this probe (the remembered route's), or {@code null} */
        ConnectFailure previous(Route route) {
            return failures.stream().filter(f -> f.route().equals(route)).findFirst().orElse(null);
        }

        void skipped(Route route, String why) {
            lines.add(route + ": " + why);
        }

        String describe() {
            return String.join("; ", lines);
        }

        MailException failure() {
            if (authFailure != null) {
                return authFailure.toMailException(smtp.username());
            }
            Throwable last = failures.isEmpty() ? null : failures.get(failures.size() - 1);
            return new MailConnectionException(smtp.host(), smtp.port(),
                    SmtpMessages.probeFailed(smtp.host(), security.mode().name(), describe()), last);
        }
    }
}
