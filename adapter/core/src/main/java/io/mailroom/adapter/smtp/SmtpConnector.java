package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.Encryption;
import io.mailroom.adapter.config.Security;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.work.WorkLauncher;

import io.mailroom.api.MailException;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.PrintStream;
import java.time.Clock;

/**
 * Opens authenticated SMTP connections for one connection factory, the same way for the
 * application's connections and the delivery workers': on the configured route, or on the one
 * {@link RouteProbe} found for AUTO and SSL_AUTO; {@link RouteConnector} opens each.
 */
public final class SmtpConnector {
    private final SmtpSettings smtp;
    private final SecuritySettings security;
    private final RouteConnector routes;
    private final RouteProbe probe;

    /**
     * @param debugOut where Angus Mail's protocol trace goes, or {@code null} for no trace
     * @param launcher where the write timeout's work runs while sockets are open (the server's WorkManager)
     * @throws InvalidPropertyException if the trust or key store cannot be used
     */
    public SmtpConnector(SmtpSettings smtp, SecuritySettings security, PrintStream debugOut, Clock clock,
                         WorkLauncher launcher) throws InvalidPropertyException {
        this.smtp = smtp;
        this.security = security;
        this.routes = new RouteConnector(smtp, security, debugOut, clock, launcher);
        this.probe = security.mode().probes() ? new RouteProbe(routes, smtp, security) : null;
    }

    public SmtpSettings settings() {
        return smtp;
    }

    /**
     * @return an open, authenticated connection
     * @throws MailException saying why none could be opened
     */
    RouteConnector.Connection open() {
        if (probe != null) {
            return probe.open();
        }
        try {
            return routes.connect(new Route(smtp.host(), smtp.port(), fixedEncryption(security.mode())));
        } catch (ConnectFailure f) {
            throw f.toMailException(smtp.username());
        }
    }

    private static Encryption fixedEncryption(Security mode) {
        return switch (mode) {
            case NONE -> Encryption.PLAINTEXT;
            case SSL_IMPLICIT -> Encryption.IMPLICIT_TLS;
            case STARTTLS_REQUIRED -> Encryption.STARTTLS;
            default -> Encryption.STARTTLS_IF_OFFERED;
        };
    }
}
