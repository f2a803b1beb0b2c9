package io.mailroom.adapter;

import java.util.Properties;

/**
 * Maps {@link SmtpSettings} to the {@code mail.smtp.*} properties of an Angus Mail session.
 * A pure function: same settings, same properties; unit-tested on its own.
 */
final class SessionProperties {
    private SessionProperties() {
    }

    static Properties of(SmtpSettings s) {
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
}
