package io.mailroom.sample;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The development SMTP server the sample sends to, on loopback, so a newcomer sees mail arrive
 * without configuring anything. GreenMail keeps every message in memory; the page reads them
 * through {@link InboxResource}. Switch it off with {@code sample.dev-smtp.enabled=false} and
 * point {@code MAILROOM_HOST}/{@code MAILROOM_PORT} at a real server.
 */
@ApplicationScoped
public class DevSmtpServer {
    private static final Logger LOG = Logger.getLogger(DevSmtpServer.class.getName());

    @Inject
    @ConfigProperty(name = "sample.dev-smtp.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "sample.dev-smtp.port", defaultValue = "2525")
    int port;

    @Inject
    @ConfigProperty(name = "http.port", defaultValue = "9080")
    int httpPort;

    private GreenMail greenMail;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        if (enabled) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
        LOG.info("Mailroom sample is running: open http://localhost:" + httpPort + "/"
                + (enabled ? " (development SMTP server on 127.0.0.1:" + port + ")" : ""));
    }

    /** @return every message received since start or the last {@link #clear()}, oldest first */
    public List<MimeMessage> messages() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }

    /** Empties the inbox. */
    public void clear() throws Exception {
        if (greenMail != null) {
            greenMail.purgeEmailFromAllMailboxes();
        }
    }

    @PreDestroy
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
