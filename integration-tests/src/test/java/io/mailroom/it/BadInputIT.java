package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server: bad input fails at the call with an exception that names the field,
 * and nothing reaches the SMTP server.
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {
    private Mailbox mailbox;

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(BadInputIT.class);
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        mailbox = TestSmtpServers.mailbox().reset();
    }

    @Test
    void crLfInASubjectIsRefusedNamingTheSubject() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> Email.builder().to("a@example.com").subject("Hi\r\nBcc: victim@example.com"));
        assertEquals("subject", e.field());
        assertTrue(e.getMessage().contains("CR or LF"), e.getMessage());
    }

    @Test
    void crLfInACustomHeaderIsRefusedNamingTheHeader() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> Email.builder().to("a@example.com").header("X-Order", "1\nBcc: victim@example.com"));
        assertEquals("header:X-Order", e.field());
    }

    @Test
    void anInvalidAddressIsRefusedAtSendAndNothingIsSent() throws Exception {
        Email email = Email.builder().to("good@example.com").cc("not an address@@example").subject("x").text("x").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> send(email));
        assertEquals("cc", e.field());
        assertTrue(e.getMessage().contains("not an address@@example"), e.getMessage());
        assertNothingSent();
    }

    @Test
    void aMissingAttachmentFileIsRefusedNamingTheFile() {
        Path missing = Path.of("/nonexistent/mailroom/report.pdf");
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> Attachment.fromFile(missing, "application/pdf"));
        assertEquals("attachment:report.pdf", e.field());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void anAttachmentFileDeletedBeforeSendingFailsTheSendAndNothingIsSent() throws Exception {
        Path file = Files.createTempFile("mailroom-it", ".txt");
        Files.writeString(file, "soon gone");
        Email email = Email.builder().to("a@example.com").subject("x").text("x")
                .attach(Attachment.fromFile(file, "text/plain")).build();
        Files.delete(file);
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> send(email));
        assertEquals("attachment:" + file.getFileName(), e.field());
        assertNothingSent();
    }

    @Test
    void aMessageWithNoRecipientIsRefusedNamingTo() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> Email.builder().from("shop@example.com").subject("x").text("x").build());
        assertEquals("to", e.field());
    }

    private void send(Email email) throws Exception {
        MailConnectionFactory factory = ItServer.lookup("mail/it");
        try (MailConnection mail = factory.getConnection()) {
            mail.send(email);
        }
    }

    private void assertNothingSent() throws InterruptedException {
        // A message would take milliseconds on loopback; half a second is a generous wait for one that must not come.
        Thread.sleep(500);
        assertEquals(0, mailbox.received().size());
    }
}
