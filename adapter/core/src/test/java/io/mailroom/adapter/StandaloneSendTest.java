package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.FROM;
import static io.mailroom.adapter.TestMailroom.TO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.SendReceipt;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sends through the standalone pool to GreenMail and reads back what arrived. */
class StandaloneSendTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private TestMailroom mailroom;

    @BeforeEach
    void start() throws Exception {
        mailroom = TestMailroom.on(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void aTextMessageArrivesWithSubjectRecipientsAndBody() throws Exception {
        mailroom.send(Email.builder().from(FROM).to(TO).cc("boss@receiver.test")
                .subject("Your order 42").text("Thank you!").build());

        MimeMessage received = onlyMessageFor(TO);
        assertEquals("Your order 42", received.getSubject());
        assertEquals(List.of(new InternetAddress(FROM)), List.of(received.getFrom()));
        assertEquals(new InternetAddress(TO), received.getRecipients(RecipientType.TO)[0]);
        assertEquals(new InternetAddress("boss@receiver.test"), received.getRecipients(RecipientType.CC)[0]);
        assertEquals("Thank you!", ((String) received.getContent()).strip());
    }

    @Test
    void anHtmlMessageArrivesAsHtml() throws Exception {
        mailroom.send(Email.builder().from(FROM).to(TO).subject("News").html("<p>Hello <b>you</b></p>").build());

        MimeMessage received = onlyMessageFor(TO);
        assertTrue(received.isMimeType("text/html"), received.getContentType());
        assertEquals("<p>Hello <b>you</b></p>", ((String) received.getContent()).strip());
    }

    @Test
    void anAttachmentArrivesWithItsExactBytes() throws Exception {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, 1, 2, (byte) 0xff, '\r', '\n', '.', '\n'};
        mailroom.send(Email.builder().from(FROM).to(TO).subject("Invoice").text("Attached.")
                .attach(Attachment.fromBytes("invoice.pdf", "application/pdf", pdf)).build());

        MimeMultipart mixed = (MimeMultipart) onlyMessageFor(TO).getContent();
        assertEquals("invoice.pdf", mixed.getBodyPart(1).getFileName());
        assertArrayEquals(pdf, mixed.getBodyPart(1).getInputStream().readAllBytes());
    }

    @Test
    void theReceiptCarriesTheMessageIdThatArrivedAndThe250Reply() throws Exception {
        SendReceipt receipt = mailroom.send(TestMailroom.email("Receipt"));

        assertEquals(SendReceipt.Status.SENT, receipt.status());
        assertEquals(onlyMessageFor(TO).getMessageID(), receipt.messageId());
        assertTrue(receipt.serverReply().startsWith("250"), receipt.serverReply());
        assertEquals(List.of(TO), receipt.accepted());
        assertEquals(List.of(), receipt.rejected());
    }

    @Test
    void aBccRecipientGetsTheMessageWithoutBeingNamedInIt() throws Exception {
        mailroom.send(Email.builder().from(FROM).to(TO).bcc("auditor@audit.test").subject("Quiet").text("x").build());

        MimeMessage copy = onlyMessageFor("auditor@audit.test");
        assertEquals("Quiet", copy.getSubject());
        assertNull(copy.getHeader("Bcc"));
    }

    @Test
    void anAttachmentFileDeletedBeforeSendingFailsNamingItAndNothingIsSent(@TempDir Path dir) throws Exception {
        Path report = Files.writeString(dir.resolve("report.csv"), "a,b\n1,2\n");
        Email email = Email.builder().from(FROM).to(TO).subject("Report").text("See attached.")
                .attach(Attachment.fromFile(report, "text/csv")).build();
        Files.delete(report);

        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> mailroom.send(email));

        assertEquals("attachment:report.csv", e.field());
        assertTrue(e.getMessage().contains("report.csv"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    /** @return the one message in the mailbox of the envelope recipient */
    private static MimeMessage onlyMessageFor(String address) {
        List<MimeMessage> received = greenMail.findReceivedMessages(user -> user.getEmail().equals(address), m -> true)
                .toList();
        assertEquals(1, received.size(), "messages for " + address);
        return received.get(0);
    }
}
