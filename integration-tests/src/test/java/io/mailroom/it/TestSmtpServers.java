package io.mailroom.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailroom.testsupport.ConnectionCountingProxy;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The SMTP side of the in-server tests, inside the server's JVM: GreenMail on loopback, and a
 * counting proxy in front of it that the {@code mail/it} connection factory points at. Ports come
 * from system properties the build writes into the server's {@code jvm.options}. Started on first
 * use and stopped when the test application is undeployed, so the next test class can bind the
 * same ports.
 */
@WebListener
public class TestSmtpServers implements ServletContextListener {
    private static GreenMail greenMail;
    private static ConnectionCountingProxy proxy;
    private static GreenMail other;

    static synchronized Mailbox mailbox() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port("mailroom.it.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            try {
                proxy = ConnectionCountingProxy.start(port("mailroom.it.proxy.port"), port("mailroom.it.smtp.port"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Mailbox(greenMail, proxy);
    }

    /** @return the second SMTP server, behind {@code mail/other} */
    static synchronized GreenMail other() {
        if (other == null) {
            other = new GreenMail(new ServerSetup(port("mailroom.it.smtp2.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            other.start();
        }
        return other;
    }

    static int port(String property) {
        return Integer.parseInt(System.getProperty(property));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        synchronized (TestSmtpServers.class) {
            if (proxy != null) {
                proxy.close();
                proxy = null;
            }
            if (greenMail != null) {
                greenMail.stop();
                greenMail = null;
            }
            if (other != null) {
                other.stop();
                other = null;
            }
        }
    }
}
