package io.mailroom.adapter;

import io.mailroom.testsupport.Await;

import static io.mailroom.adapter.TestMailroom.FROM;
import static io.mailroom.adapter.TestMailroom.TO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.CapturedMessage;
import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.SendReceipt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deliveryMethod=pickup-directory} and {@code capture} on the direct path, inside a local
 * transaction and through the delivery workers; the .eml files are read back by Python's
 * {@code email} package. GreenMail runs on the factory's host and port to show nothing leaves.
 */
class DeliveryMethodTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    /** Python's own parser (email.policy.default), not ours: subject, envelope headers and body. */
    private static final String PARSE_EML = String.join("\n",
            "import sys, email, email.policy",
            "m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)",
            "print('subject=' + str(m['Subject']))",
            "print('sender=' + str(m['X-Sender']))",
            "print('receivers=' + ','.join(m.get_all('X-Receiver') or []))",
            "print('from=' + str(m['From']))",
            "print('body=' + m.get_body(('plain',)).get_content().strip())",
            "print('defects=' + str(len(m.defects)))");

    @TempDir
    Path pickup;

    private SmtpManagedConnectionFactory pickupSettings() {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(greenMail.getSmtp().getPort());
        settings.setDeliveryMethod("pickup-directory");
        settings.setPickupDirectory(pickup.toString());
        return settings;
    }

    @Test
    void aSentMessageIsOneCompleteEmlFileThatPythonReadsWithItsEnvelope() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(pickupSettings(), 1)) {
            SendReceipt receipt = mailroom.send(Email.builder().from(FROM).to(TO).bcc("audit@receiver.test")
                    .subject("Order 7 shipped").text("On its way.").build());

            assertEquals(SendReceipt.Status.SENT, receipt.status());
            assertEquals(List.of(TO, "audit@receiver.test"), receipt.accepted());
        }
        Path eml = onlyEml();
        List<String> parsed = python(eml);
        assertEquals(List.of("subject=Order 7 shipped", "sender=" + FROM, "receivers=" + TO + ",audit@receiver.test",
                "from=" + FROM, "body=On its way.", "defects=0"), parsed);
        assertEquals(0, greenMail.getReceivedMessages().length, "nothing may go to SMTP");
    }

    @Test
    void aQueuedMessageIsWrittenByTheDeliveryWorker() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(pickupSettings(), 1)) {
            SendReceipt receipt = mailroom.enqueue(TestMailroom.email("Queued for pickup"));

            assertEquals(SendReceipt.Status.QUEUED, receipt.status());
            Await.until(() -> emls().size() == 1);
            Await.until(() -> mailroom.factory().outboxStatus().queued() == 0);
        }
        assertEquals("subject=Queued for pickup", python(onlyEml()).get(0));
    }

    @Test
    void aRawMessageKeepsItsBytesAfterTheEnvelopeHeaders() throws Exception {
        byte[] raw = ("From: " + FROM + "\r\nTo: " + TO + "\r\nSubject: Raw pickup\r\nMessage-ID: <raw-1@sender.test>\r\n"
                + "\r\nExactly these bytes.\r\n").getBytes(StandardCharsets.US_ASCII);
        try (TestMailroom mailroom = new TestMailroom(pickupSettings(), 1)) {
            mailroom.sendRaw(raw, Envelope.of("bounces@sender.test", TO));
        }
        String file = Files.readString(onlyEml(), StandardCharsets.US_ASCII);
        assertEquals("X-Sender: bounces@sender.test\r\nX-Receiver: " + TO + "\r\n"
                + new String(raw, StandardCharsets.US_ASCII), file);
    }

    @Test
    void capturedMailIsReadableThroughTheFactoryAndNeverReachesTheServer() throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(greenMail.getSmtp().getPort());
        settings.setDeliveryMethod("capture");
        try (TestMailroom mailroom = new TestMailroom(settings, 1)) {
            mailroom.send(TestMailroom.email("Captured now"));
            mailroom.enqueue(TestMailroom.email("Captured later"));
            Await.until(() -> mailroom.factory().capturedMessages().size() == 2);

            List<CapturedMessage> captured = mailroom.factory().capturedMessages();
            assertEquals(List.of(TO), captured.get(0).recipients());
            assertTrue(new String(captured.get(0).mime(), StandardCharsets.UTF_8).contains("Subject: Captured now"));
            assertTrue(new String(captured.get(1).mime(), StandardCharsets.UTF_8).contains("Subject: Captured later"));
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void withSmtpNothingIsCaptured() throws Exception {
        try (TestMailroom mailroom = TestMailroom.on(greenMail.getSmtp().getPort())) {
            mailroom.send(TestMailroom.email("Plain SMTP"));
            assertEquals(List.of(), mailroom.factory().capturedMessages());
        }
        assertEquals(1, greenMail.getReceivedMessages().length);
    }

    private List<Path> emls() {
        try (Stream<Path> files = Files.list(pickup)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Exactly one file, and it is a finished .eml: no temporary file is left behind. */
    private Path onlyEml() {
        List<Path> files = emls();
        assertEquals(1, files.size(), files.toString());
        assertTrue(files.get(0).getFileName().toString().endsWith(".eml"), files.toString());
        return files.get(0);
    }

    private static List<String> python(Path eml) throws IOException {
        boolean installed;
        try {
            installed = ExternalTools.run(new byte[0], "python3", "-c", "import email").ok();
        } catch (IOException notInstalled) {
            installed = false;
        }
        assumeTrue(installed, "python3 is not installed: the .eml check by Python's email package is skipped");
        ExternalTools.Result result = ExternalTools.run(new byte[0], "python3", "-c", PARSE_EML, eml.toString());
        assertTrue(result.ok(), result.toString());
        return result.out().lines().toList();
    }
}
