package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.SendReceipt;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import javax.naming.InitialContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server: sends through the server-managed pool of {@code mail/it}
 * (maxPoolSize 4) to GreenMail, and checks what arrived and how many SMTP connections it took.
 */
@ExtendWith(ArquillianExtension.class)
class PooledSendIT {
    private static final int MESSAGES = 200;
    private static final int SENDERS = 8;
    private static final int MAX_POOL_SIZE = 4;

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(PooledSendIT.class);
    }

    @Test
    void twoHundredMessagesArriveContentExactOverAtMostMaxPoolSizeConnections() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        MailConnectionFactory factory = ItServer.lookup("mail/it");
        ManagedExecutorService executor = (ManagedExecutorService) new InitialContext()
                .lookup("java:comp/DefaultManagedExecutorService");

        List<Future<List<SendReceipt>>> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            senders.add(executor.submit(() -> sendShare(factory, sender)));
        }
        int receipts = 0;
        for (Future<List<SendReceipt>> f : senders) {
            for (SendReceipt r : f.get()) {
                assertTrue(r.serverReply().startsWith("250"), r.serverReply());
                receipts++;
            }
        }
        assertEquals(MESSAGES, receipts);

        // GreenMail stores one copy per recipient: To and Cc.
        List<MimeMessage> received = mailbox.awaitMessages(MESSAGES * 2);
        assertEquals(MESSAGES * 2, received.size());
        Map<String, MimeMessage> bySubject = new HashMap<>();
        for (MimeMessage m : received) {
            bySubject.put(m.getSubject(), m);
        }
        assertEquals(MESSAGES, bySubject.size());
        for (int i = 0; i < MESSAGES; i++) {
            assertArrived(bySubject.get("Message " + i), i);
        }
        int connections = mailbox.connectionsOpened();
        assertTrue(connections >= 1 && connections <= MAX_POOL_SIZE,
                "SMTP connections opened: " + connections + ", maxPoolSize: " + MAX_POOL_SIZE);
    }

    @Test
    void aPooledConnectionTheServerClosedWhileIdleStillSends() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        MailConnectionFactory factory = ItServer.lookup("mail/it");
        try (MailConnection mail = factory.getConnection()) {
            mail.send(message(1));
        }
        mailbox.awaitMessages(2);
        mailbox.proxy().dropAll();
        mailbox.reset();

        try (MailConnection mail = factory.getConnection()) {
            SendReceipt receipt = mail.send(message(2));
            assertTrue(receipt.serverReply().startsWith("250"), receipt.serverReply());
        }
        List<MimeMessage> received = mailbox.awaitMessages(2);
        assertEquals("Message 2", received.get(0).getSubject());
        assertEquals(1, mailbox.connectionsOpened(), "one new SMTP connection replaces the closed one");
    }

    private static List<SendReceipt> sendShare(MailConnectionFactory factory, int sender) {
        List<SendReceipt> receipts = new ArrayList<>();
        for (int i = sender; i < MESSAGES; i += SENDERS) {
            try (MailConnection mail = factory.getConnection()) {
                receipts.add(mail.send(message(i)));
            }
        }
        return receipts;
    }

    static Email message(int i) {
        return Email.builder()
                .from("shop@example.com")
                .to(recipient(i))
                .cc("audit@example.com")
                .subject("Message " + i)
                .text("Body of message " + i)
                .attach(Attachment.fromBytes("data-" + i + ".bin", "application/octet-stream", attachmentBytes(i)))
                .build();
    }

    private static String recipient(int i) {
        return "customer" + (i % 7) + "@example.com";
    }

    private static byte[] attachmentBytes(int i) {
        byte[] bytes = new byte[1024 + i * 13];
        new Random(i).nextBytes(bytes);
        return bytes;
    }

    private static void assertArrived(MimeMessage m, int i) throws Exception {
        assertTrue(m != null, "message " + i + " did not arrive");
        assertEquals(List.of(recipient(i), "audit@example.com"),
                Arrays.stream(m.getAllRecipients()).map(Address::toString).toList());
        Multipart mixed = (Multipart) m.getContent();
        assertEquals(2, mixed.getCount());
        assertEquals("Body of message " + i, ((String) mixed.getBodyPart(0).getContent()).strip());
        Part attachment = mixed.getBodyPart(1);
        assertEquals("data-" + i + ".bin", attachment.getFileName());
        assertArrayEquals(attachmentBytes(i), attachment.getInputStream().readAllBytes());
    }
}
