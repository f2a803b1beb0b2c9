package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.FROM;
import static io.mailroom.adapter.TestMailroom.TO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.adapter.mime.tnef.TnefCommand;
import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.apache.poi.hmef.HMEFMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A message sent with tnef(true) arrives at GreenMail the way Exchange sends it to Outlook. */
class TnefSendTest {
    private static final byte[] PDF = new byte[40_000];

    static {
        new Random(7).nextBytes(PDF);
    }

    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    @TempDir
    Path temp;

    private TestMailroom mailroom;

    @BeforeEach
    void start() throws Exception {
        mailroom = TestMailroom.on(greenMail.getSmtp().getPort());
        mailroom.send(Email.builder().from(FROM).to(TO).subject("Bericht für März").tnef(true)
                .text("Der Bericht ist angehängt.").html("<p>Der <b>Bericht</b> ist angehängt.</p>")
                .attach(Attachment.fromBytes("Müller-Bericht.pdf", "application/pdf", PDF)).build());
    }

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void theMessageIsTheTextAndAWinmailDatPartOnly() throws Exception {
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertTrue(received.isMimeType("multipart/mixed"), received.getContentType());
        MimeMultipart mixed = (MimeMultipart) received.getContent();
        assertEquals(2, mixed.getCount());
        assertTrue(mixed.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("Der Bericht ist angehängt.", mixed.getBodyPart(0).getContent());
        BodyPart winmail = mixed.getBodyPart(1);
        assertTrue(winmail.isMimeType("application/ms-tnef"), winmail.getContentType());
        assertEquals("winmail.dat", winmail.getFileName());
        assertEquals("Bericht für März", received.getSubject());
    }

    @Test
    void poiReadsTheWinmailDatThatArrived() throws Exception {
        HMEFMessage tnef = new HMEFMessage(new ByteArrayInputStream(winmailDat()));
        assertEquals("Bericht für März", tnef.getSubject());
        assertEquals(1, tnef.getAttachments().size());
        assertEquals("Müller-Bericht.pdf", tnef.getAttachments().get(0).getLongFilename());
        assertArrayEquals(PDF, tnef.getAttachments().get(0).getContents());
    }

    @Test
    void debianTnefExtractsTheWinmailDatThatArrived() throws Exception {
        Map<String, byte[]> files = TnefCommand.extract(winmailDat(), temp);
        assertArrayEquals(PDF, files.get("Müller-Bericht.pdf"), "files: " + files.keySet());
        assertEquals("<p>Der <b>Bericht</b> ist angehängt.</p>",
                new String(files.get("message.html"), StandardCharsets.UTF_8));
    }

    private static byte[] winmailDat() throws Exception {
        MimeMultipart mixed = (MimeMultipart) greenMail.getReceivedMessages()[0].getContent();
        return mixed.getBodyPart(1).getInputStream().readAllBytes();
    }
}
