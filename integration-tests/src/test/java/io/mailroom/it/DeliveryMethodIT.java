package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.CapturedMessage;
import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code deliveryMethod=capture} and {@code pickup-directory} configured in the server (Liberty's
 * server.xml, WildFly's resource adapter subsystem), on the direct path and through the server's
 * delivery workers. Both factories point at a port where nothing listens: any mail that tried SMTP
 * would fail.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryMethodIT {
    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(DeliveryMethodIT.class);
    }

    @Test
    void captureKeepsSentAndQueuedMailReadableThroughTheFactory() throws Exception {
        MailConnectionFactory factory = ItServer.lookup("mail/capture");
        String now = "captured now " + UUID.randomUUID();
        String later = "captured later " + UUID.randomUUID();
        try (MailConnection mail = factory.getConnection()) {
            assertEquals(SendReceipt.Status.SENT, mail.send(email(now)).status());
            mail.enqueue(email(later));
        }
        assertTrue(Mailbox.await(() -> subjects(factory).contains(later)), subjects(factory).toString());
        assertTrue(subjects(factory).contains(now), subjects(factory).toString());
    }

    @Test
    void pickupDirectoryGetsOneEmlFilePerMessageWithItsEnvelope() throws Exception {
        MailConnectionFactory factory = ItServer.lookup("mail/pickup");
        Path directory = Path.of(System.getProperty("mailroom.it.pickup.dir"));
        String now = "pickup now " + UUID.randomUUID();
        String later = "pickup later " + UUID.randomUUID();
        try (MailConnection mail = factory.getConnection()) {
            mail.send(email(now));
            mail.enqueue(email(later));
        }
        assertTrue(Mailbox.await(() -> eml(directory, later) != null), "no .eml file for " + later);
        String file = eml(directory, now);
        assertTrue(file != null && file.startsWith("X-Sender: mailroom-it@example.com\r\nX-Receiver: pickup@example.com\r\n"),
                String.valueOf(file));
    }

    private static Email email(String subject) {
        return Email.builder().to(subject.startsWith("pickup") ? "pickup@example.com" : "capture@example.com")
                .subject(subject).text("Delivery method test").build();
    }

    private static List<String> subjects(MailConnectionFactory factory) {
        return factory.capturedMessages().stream().map(CapturedMessage::mime)
                .map(b -> new String(b, StandardCharsets.UTF_8))
                .flatMap(text -> text.lines().filter(l -> l.startsWith("Subject: ")).map(l -> l.substring(9)).limit(1))
                .toList();
    }

    /** @return the content of the finished .eml file with this subject, or null */
    private static String eml(Path directory, String subject) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.contains("Subject: " + subject)) {
                    return text;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
