package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.Encryption;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.work.WorkLauncher;

import io.mailroom.api.auth.TokenProvider;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Opens one authenticated SMTP connection on one route (host, port, encryption): the socket (through
 * a proxy if configured), TLS, EHLO and AUTH. With XOAUTH2, a token the server refuses is renewed
 * once and the connection tried again.
 */
final class RouteConnector {
    private final SmtpSettings smtp;
    private final SecuritySettings security;
    private final SocketOpener opener;
    private final TokenProvider tokens;
    private final Map<Encryption, Session> sessions = new EnumMap<>(Encryption.class);

    /** An open, authenticated connection and where it goes. */
    record Connection(GuardedTransport transport, Route route) {
    }

    /**
     * @param debugOut where Angus Mail's protocol trace goes, or {@code null} for no trace
     * @throws InvalidPropertyException if the trust or key store cannot be used
     */
    RouteConnector(SmtpSettings smtp, SecuritySettings security, PrintStream debugOut, Clock clock,
                   WorkLauncher launcher) throws InvalidPropertyException {
        this.smtp = smtp;
        this.security = security;
        SSLSocketFactory tls = TlsContexts.socketFactory(security.tls());
        this.opener = new SocketOpener(smtp, security, tls, launcher);
        this.tokens = TokenSource.of(security.oauth2(), smtp, clock);
        for (Encryption encryption : Encryption.values()) {
            Properties p = SessionProperties.of(smtp, security, encryption);
            p.put("mail.smtp.ssl.socketFactory", tls);
            Session session = AdapterClassLoader.call(() -> Session.getInstance(p));
            if (debugOut != null) {
                session.setDebugOut(debugOut);
                session.setDebug(true);
            }
            sessions.put(encryption, session);
        }
    }

    /** Connects on one route; with XOAUTH2, renews a refused token once and tries again. */
    Connection connect(Route route) throws ConnectFailure {
        String token = token(route);
        try {
            return attempt(route, token);
        } catch (ConnectFailure f) {
            if (f.kind() != ConnectFailure.Kind.AUTH_FAILED || tokens == null) {
                throw f;
            }
            tokens.refused(smtp.username(), token);
            String renewed = token(route);
            if (renewed.equals(token)) {
                throw f;
            }
            return attempt(route, renewed);
        }
    }

    private String token(Route route) throws ConnectFailure {
        if (tokens == null) {
            return null;
        }
        try {
            String token = tokens.accessToken(smtp.username());
            if (token == null || token.isEmpty()) {
                throw new IOException("the token provider " + tokens + " gave no token");
            }
            return token;
        } catch (IOException | RuntimeException e) {
            throw new ConnectFailure(ConnectFailure.Kind.NO_TOKEN, route, SocketOpener.describe(e), e);
        }
    }

    private Connection attempt(Route route, String token) throws ConnectFailure {
        Socket socket = opener.open(route);
        String secret = token != null ? token : smtp.password();
        GuardedTransport transport = new GuardedTransport(sessions.get(route.encryption()),
                new URLName("smtp", route.host(), route.port(), null, smtp.username(), secret),
                security.allowPlaintextAuth(), smtp.pipelining());
        try {
            transport.connect(socket); // callers run this with the adapter's context class loader
            if (smtp.authenticates() && !security.authOptional() && !transport.supportsExtension("AUTH")) {
                // Angus skips AUTH silently when the server does not offer it: refused here,
                // before MAIL FROM, so configured credentials always mean an authenticated session.
                close(transport, socket);
                throw new ConnectFailure(ConnectFailure.Kind.NO_AUTH, route, "the server offers no AUTH", null);
            }
            return new Connection(transport, route);
        } catch (MessagingException e) {
            close(transport, socket);
            throw classify(e, transport, route);
        } catch (RuntimeException e) {
            close(transport, socket);
            throw new ConnectFailure(ConnectFailure.Kind.OTHER, route, SocketOpener.describe(e), e);
        }
    }

    private static ConnectFailure classify(MessagingException e, GuardedTransport transport, Route route) {
        if (transport.plaintextAuthRefused()) {
            return new ConnectFailure(ConnectFailure.Kind.PLAINTEXT_AUTH_REFUSED, route, "credentials not sent over plaintext", e);
        }
        if (e instanceof AuthenticationFailedException) {
            String reply = e.getMessage() == null ? "" : e.getMessage().strip();
            int code = transport.getLastReturnCode() > 0 ? transport.getLastReturnCode() : 535;
            return ConnectFailure.authenticationFailed(route,
                    transport.mechanism() == null ? "(none in common with the server)" : transport.mechanism(),
                    code, reply, e);
        }
        if (route.encryption() == Encryption.STARTTLS && transport.startTlsMissing()) {
            return new ConnectFailure(ConnectFailure.Kind.NO_STARTTLS, route, "the server does not offer STARTTLS", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new ConnectFailure(ConnectFailure.Kind.TLS_FAILED, route, SocketOpener.describe(t), e);
            }
        }
        return new ConnectFailure(ConnectFailure.Kind.OTHER, route, SocketOpener.describe(e), e);
    }

    private static void close(SMTPTransport transport, Socket socket) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException ignored) {
            // Failed while opening: nothing to say goodbye to.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
