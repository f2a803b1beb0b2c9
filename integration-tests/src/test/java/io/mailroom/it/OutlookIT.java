package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.SendReceipt;
import io.mailroom.cdi.MailSender;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.File;
import java.io.InputStream;
import java.util.Arrays;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server: an Outlook .msg file read by Apache POI from within mailroom.rar, and a TNEF
 * message, both sent with {@code @Inject MailSender}. Shows that POI loads from the adapter's
 * class loader on each server; the format checks themselves are adapter/core's unit tests.
 */
@ExtendWith(ArquillianExtension.class)
class OutlookIT {
    private static final String MSG = "attachment_test_msg.msg";

    @Inject
    MailSender mail;

    @Deployment
    static EnterpriseArchive deployment() {
        // CdiShop's @ApplicationScoped makes the WAR a bean archive, so the test class gets injected.
        EnterpriseArchive ear = ItDeployment.earWithCdi("mailroom.jndi-name=" + ItServer.jndiName("mail/it"),
                OutlookIT.class, CdiShop.class);
        ear.getAsType(WebArchive.class, "tests.war")
                .addAsResource(new File("../adapter/core/src/test/resources/poi-msg/" + MSG), MSG);
        return ear;
    }

    @Test
    void anOutlookMsgFileArrivesAsMimeWithItsSubjectAndAttachments() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        SendReceipt receipt;
        try (InputStream msg = OutlookIT.class.getResourceAsStream("/" + MSG)) {
            receipt = mail.sendMsg(msg, Envelope.of(null, "customer@example.com"));
        }
        assertEquals(SendReceipt.Status.SENT, receipt.status());
        MimeMessage received = mailbox.awaitMessages(1).get(0);
        assertEquals("test pièce jointe 1", received.getSubject());
        MimeMultipart mixed = (MimeMultipart) received.getContent();
        assertEquals(3, mixed.getCount(), "the body and two attachments");
        assertEquals("test-unicode.doc", mixed.getBodyPart(1).getFileName());
        assertEquals("pj1.txt", mixed.getBodyPart(2).getFileName());
    }

    @Test
    void aTnefMessageArrivesWithItsWinmailDat() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        mail.sendNow(Email.builder().to("customer@example.com").subject("for Outlook").text("see attachment")
                .attach(Attachment.fromBytes("Müller-Bericht.pdf", "application/pdf", new byte[] {1, 2, 3}))
                .tnef(true).build());
        MimeMessage received = mailbox.awaitMessages(1).get(0);
        MimeMultipart mixed = (MimeMultipart) received.getContent();
        assertTrue(mixed.getBodyPart(1).isMimeType("application/ms-tnef"), mixed.getBodyPart(1).getContentType());
        assertEquals("winmail.dat", mixed.getBodyPart(1).getFileName());
        byte[] tnef = mixed.getBodyPart(1).getInputStream().readAllBytes();
        assertArrayEquals(new byte[] {0x78, (byte) 0x9F, 0x3E, 0x22}, Arrays.copyOf(tnef, 4), "the TNEF signature");
    }
}
