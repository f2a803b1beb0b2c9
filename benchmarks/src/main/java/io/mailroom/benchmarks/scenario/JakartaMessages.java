package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/** The plain Jakarta Mail side: a session as a server would configure it, and the messages of a workload. */
final class JakartaMessages {
    private final Session session;
    private final String body;

    /**
     * @param port the sink's port
     * @param bodyBytes the size of every message's body
     */
    JakartaMessages(LoadSettings settings, int bodyBytes) {
        this(settings, bodyBytes, false);
    }

    /** @param noDelay {@code true} to open every socket through {@link NoDelaySocketFactory} */
    JakartaMessages(LoadSettings settings, int bodyBytes, boolean noDelay) {
        if (settings.tls() && noDelay) {
            throw new IllegalArgumentException("no TCP_NODELAY socket factory for implicit TLS");
        }
        this.session = settings.tls() ? tlsSession(settings) : plainSession(settings.port(), noDelay);
        this.body = Payload.body(bodyBytes);
    }

    Session session() {
        return session;
    }

    /** Message {@code index}, as user code would build it; {@code Transport.send} or the caller saves it. */
    MimeMessage compose(int index) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(Payload.FROM));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(Payload.recipient(index)));
        message.setSubject(Payload.subject(index), "UTF-8");
        message.setSentDate(new Date());
        message.setText(body, "UTF-8");
        return message;
    }

    /** Implicit TLS ({@code smtps}) trusting the sink's certificate authority. */
    private static Session tlsSession(LoadSettings settings) {
        Properties p = new Properties();
        SSLSocketFactory tls = TrustedTls.context(settings).getSocketFactory();
        p.put("mail.smtps.ssl.socketFactory", tls);
        p.setProperty("mail.smtps.ssl.checkserveridentity", "true");
        p.setProperty("mail.transport.protocol", "smtps");
        p.setProperty("mail.transport.protocol.rfc822", "smtps"); // what Transport.send picks for an Internet address
        p.setProperty("mail.smtps.host", LoadSettings.HOST);
        p.setProperty("mail.smtps.port", Integer.toString(settings.port()));
        return Session.getInstance(p);
    }

    /** Only host and port: what Liberty's mailSession or WildFly's mail subsystem gives by default. */
    private static Session plainSession(int port, boolean noDelay) {
        Properties p = new Properties();
        if (noDelay) {
            p.put("mail.smtp.socketFactory", new NoDelaySocketFactory());
        }
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", LoadSettings.HOST);
        p.setProperty("mail.smtp.port", Integer.toString(port));
        return Session.getInstance(p);
    }
}
