package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.adapter.mime.msg.PythonEmail;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailConnection;
import io.mailroom.api.SendReceipt;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outlook .msg files that Outlook wrote (Apache POI's own test files) go out as MIME; what
 * arrives at GreenMail is parsed back by Angus and by Python's email package.
 */
class MsgSendTest {
    private static final String DEFAULT_FROM = "robot@sender.test";

    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private SmtpManagedConnectionFactory settings;
    private TestMailroom mailroom;

    @BeforeEach
    void start() throws Exception {
        settings = TestMailroom.settings(greenMail.getSmtp().getPort());
        settings.setDefaultFrom(DEFAULT_FROM);
        mailroom = new TestMailroom(settings, 1);
    }

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void quickMsgGoesToItsOwnRecipientWithSubjectAndText() throws Exception {
        sendMsg("quick.msg", null);
        MimeMessage received = onlyMessage();
        assertEquals("Test the content transformer", received.getSubject());
        assertEquals(List.of("kevin.roast@alfresco.org"), addresses(received.getAllRecipients()));
        assertEquals(1, inboxOf("kevin.roast@alfresco.org").size());
        Map<String, List<String>> python = PythonEmail.summary(raw(received));
        assertEquals("The quick brown fox jumps over the lazy dog", PythonEmail.one(python, "text").strip());
        assertEquals("", PythonEmail.one(python, "html"), "plain RTF gives no HTML");
    }

    @Test
    void aSenderWithOnlyAnExchangeAddressIsReplacedByDefaultFrom() throws Exception {
        sendMsg("quick.msg", null);
        assertEquals(List.of(DEFAULT_FROM), addresses(onlyMessage().getFrom()));
    }

    @Test
    void simpleMsgKeepsItsSmtpSenderWithItsName() throws Exception {
        sendMsg("simple_test_msg.msg", null);
        InternetAddress from = (InternetAddress) onlyMessage().getFrom()[0];
        assertEquals("travis@overwrittenstack.com", from.getAddress());
        assertEquals("Travis Ferguson", from.getPersonal());
        Map<String, List<String>> python = PythonEmail.summary(raw(onlyMessage()));
        assertEquals("test message", PythonEmail.one(python, "subject"));
        assertEquals("Travis Ferguson <travis@overwrittenstack.com>", PythonEmail.one(python, "from"));
        assertEquals("This is a test message.", PythonEmail.one(python, "text").strip());
    }

    @Test
    void attachmentsArriveByteEqualWithTheirLongNamesAndRtfEncapsulatedHtmlBecomesHtml() throws Exception {
        sendMsg("attachment_test_msg.msg", null);
        MimeMessage received = onlyMessage();
        assertEquals("test pièce jointe 1", received.getSubject());
        List<byte[]> expected = attachmentsInTheFile("attachment_test_msg.msg");
        assertEquals(24064, expected.get(0).length);
        assertEquals(89, expected.get(1).length);
        List<BodyPart> attachments = attachmentParts(received);
        assertEquals(List.of("test-unicode.doc", "pj1.txt"), attachments.stream().map(MsgSendTest::fileName).toList());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected.get(i), attachments.get(i).getInputStream().readAllBytes());
        }
        Map<String, List<String>> python = PythonEmail.summary(raw(received));
        assertEquals("", PythonEmail.one(python, "defects"));
        assertEquals(List.of("test-unicode.doc|application/msword|" + sha256(expected.get(0)),
                "pj1.txt|text/plain|" + sha256(expected.get(1))), python.get("attachment"));
        assertTrue(PythonEmail.one(python, "html").contains("contenu"), PythonEmail.one(python, "html"));
        assertTrue(PythonEmail.one(python, "html").toLowerCase().contains("<html"), PythonEmail.one(python, "html"));
        assertEquals("contenu", PythonEmail.one(python, "text").replace("\\n", "").strip());
    }

    @Test
    void aMsgWithoutRecipientsGoesToTheEnvelopeWithItsUtf8HtmlBody() throws Exception {
        SendReceipt receipt = sendMsg("HTMLBodyBinary_UTF-8.msg", Envelope.of(null, "reader@receiver.test"));
        assertEquals(List.of("reader@receiver.test"), receipt.accepted());
        MimeMessage received = onlyMessage();
        assertEquals("Subject öäü Subject", received.getSubject());
        assertEquals(List.of(DEFAULT_FROM), addresses(received.getFrom()));
        Map<String, List<String>> python = PythonEmail.summary(raw(received));
        assertEquals("Subject öäü Subject", PythonEmail.one(python, "subject"));
        assertTrue(PythonEmail.one(python, "html").contains("<body>HTML öäü</body>"), PythonEmail.one(python, "html"));
    }

    @Test
    void theEnvelopeDecidesWhoReceivesItWhileTheHeadersKeepTheFilesRecipients() throws Exception {
        sendMsg("simple_test_msg.msg", Envelope.of("bounce@sender.test", "other@receiver.test"));
        MimeMessage received = onlyMessage();
        assertEquals(1, inboxOf("other@receiver.test").size());
        assertEquals(0, inboxOf("travis@overwrittenstack.com").size());
        assertEquals(List.of("travis@overwrittenstack.com"), addresses(received.getAllRecipients()));
        assertEquals("<bounce@sender.test>", received.getHeader("Return-Path", null));
    }

    @Test
    void aMsgWithoutRecipientsAndNoEnvelopeIsRefusedAndNothingIsSent() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> sendMsg("HTMLBodyBinary_UTF-8.msg", null));
        assertTrue(e.getMessage().startsWith("MAILROOM-1071 "), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aFileThatIsNotAnOutlookMessageIsRefusedNamingTheField() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> {
            try (MailConnection mail = mailroom.connection()) {
                mail.sendMsg(new ByteArrayInputStream("From: a@b\r\n\r\nnot a .msg".getBytes()), null);
            }
        });
        assertTrue(e.getMessage().startsWith("MAILROOM-1070 "), e.getMessage());
        assertEquals("msg", e.field());
    }

    @Test
    void aMissingFileIsRefusedNamingIt(@TempDir Path temp) {
        Path missing = temp.resolve("missing.msg");
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> {
            try (MailConnection mail = mailroom.connection()) {
                mail.sendMsg(missing, null);
            }
        });
        assertTrue(e.getMessage().startsWith("MAILROOM-1074 ") && e.getMessage().contains("missing.msg"), e.getMessage());
    }

    @Test
    void inALocalTransactionItIsQueuedAndSentOnlyAfterCommit() throws Exception {
        ManagedConnection managed = settings.createManagedConnection(null, null);
        SendReceipt receipt = sendQuickMsgInLocalTransaction(managed);
        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        assertEquals(0, greenMail.getReceivedMessages().length);
        managed.getLocalTransaction().commit();
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
        assertEquals("Test the content transformer", onlyMessage().getSubject());
        managed.destroy();
    }

    @Test
    void aRolledBackTransactionSendsNothing() throws Exception {
        ManagedConnection managed = settings.createManagedConnection(null, null);
        sendQuickMsgInLocalTransaction(managed);
        managed.getLocalTransaction().rollback();
        assertEquals(0, mailroom.factory().outboxStatus().queued());
        assertEquals(0, greenMail.getReceivedMessages().length);
        managed.destroy();
    }

    private static SendReceipt sendQuickMsgInLocalTransaction(ManagedConnection managed) throws Exception {
        LocalTransaction tx = managed.getLocalTransaction();
        tx.begin();
        MailConnection mail = (MailConnection) managed.getConnection(null, null);
        try (InputStream msg = resource("quick.msg")) {
            return mail.sendMsg(msg, null);
        }
    }

    private SendReceipt sendMsg(String name, Envelope envelope) throws Exception {
        Path file = Files.createTempFile("mailroom", ".msg");
        try (InputStream in = resource(name)) {
            Files.write(file, in.readAllBytes());
        }
        try (MailConnection mail = mailroom.connection()) {
            return mail.sendMsg(file, envelope);
        } finally {
            Files.delete(file);
        }
    }

    private static InputStream resource(String name) {
        return MsgSendTest.class.getResourceAsStream("/poi-msg/" + name);
    }

    private static List<MimeMessage> inboxOf(String address) {
        return greenMail.findReceivedMessages(user -> user.getEmail().equals(address), m -> true).toList();
    }

    private static MimeMessage onlyMessage() {
        assertEquals(1, greenMail.getReceivedMessages().length);
        return greenMail.getReceivedMessages()[0];
    }

    /** The attachment bytes as POI reads them straight from the file. */
    private static List<byte[]> attachmentsInTheFile(String name) throws Exception {
        try (InputStream in = resource(name)) {
            List<byte[]> bytes = new ArrayList<>();
            for (AttachmentChunks a : new MAPIMessage(in).getAttachmentFiles()) {
                bytes.add(a.getAttachData().getValue());
            }
            return bytes;
        }
    }

    private static List<BodyPart> attachmentParts(MimeMessage message) throws Exception {
        MimeMultipart mixed = (MimeMultipart) message.getContent();
        List<BodyPart> parts = new ArrayList<>();
        for (int i = 0; i < mixed.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(mixed.getBodyPart(i).getDisposition())) {
                parts.add(mixed.getBodyPart(i));
            }
        }
        return parts;
    }

    private static String fileName(BodyPart part) {
        try {
            return part.getFileName();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return java.util.Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static byte[] raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
