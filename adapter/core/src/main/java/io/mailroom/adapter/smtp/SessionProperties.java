package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.Encryption;
import io.mailroom.adapter.config.SecuritySettings;
import io.mailroom.adapter.config.SmtpSettings;
import io.mailroom.adapter.config.TlsSettings;

import java.util.Properties;

/**
 * Maps {@link SmtpSettings} (and, for the sessions SMTP connections use, {@link SecuritySettings}
 * and the encryption of one route) to the {@code mail.smtp.*} properties of an Angus Mail
 * session. A pure function: same settings, same properties; unit-tested on its own.
 */
public final class SessionProperties {
    private SessionProperties() {
    }

    public static Properties of(SmtpSettings s) {
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.port()));
        // Angus waits forever by default; every socket operation gets a bound.
        p.setProperty("mail.smtp.connectiontimeout", Integer.toString(s.connectTimeoutMillis()));
        p.setProperty("mail.smtp.timeout", Integer.toString(s.readTimeoutMillis()));
        p.setProperty("mail.smtp.writetimeout", Integer.toString(s.writeTimeoutMillis()));
        p.setProperty("mail.smtp.auth", Boolean.toString(s.authenticates()));
        if (s.authenticates()) {
            p.setProperty("mail.smtp.user", s.username());
        }
        if (s.ehloName() != null && !s.ehloName().isBlank()) {
            p.setProperty("mail.smtp.localhost", s.ehloName());
        }
        // Deliver to the recipients the server accepts and report the others, rather than
        // failing the whole message for one bad address.
        p.setProperty("mail.smtp.sendpartial", "true");
        // A pooled connection is closed when the pool evicts it; nobody waits for the QUIT reply.
        p.setProperty("mail.smtp.quitwait", "false");
        // Messages go out byte for byte as composed or given: no 8BITMIME re-encoding, which
        // would parse (and for a streamed message, consume) the body first.
        p.setProperty("mail.smtp.allow8bitmime", "false");
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        p.setProperty("mail.mime.address.strict", "true");
        return p;
    }

    /**
     * The properties of the session for connections with the given encryption. Mailroom opens
     * the socket itself (see {@link SocketOpener}), implicit TLS included; Angus Mail does
     * STARTTLS, with the socket factory the caller adds as {@code mail.smtp.ssl.socketFactory}.
     */
    static Properties of(SmtpSettings s, SecuritySettings security, Encryption encryption) {
        Properties p = of(s);
        boolean startTls = encryption == Encryption.STARTTLS || encryption == Encryption.STARTTLS_IF_OFFERED;
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
        // Angus fails before AUTH when the server does not offer STARTTLS (a stripping attacker).
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(encryption == Encryption.STARTTLS));
        p.setProperty("mail.smtp.ssl.checkserveridentity", Boolean.toString(security.tls().checkServerIdentity()));
        p.setProperty("mail.smtp.ssl.protocols", TlsSettings.PROTOCOLS);
        if (!security.authMechanisms().isEmpty()) {
            p.setProperty("mail.smtp.auth.mechanisms", String.join(" ", security.authMechanisms()));
        }
        if (security.authMechanisms().contains("XOAUTH2")) {
            p.setProperty("mail.smtp.auth.xoauth2.disable", "false");
        }
        // With mail.debug on, the AUTH exchange (base64 credentials) stays out of the trace.
        p.setProperty("mail.debug.auth", "false");
        return p;
    }
}
