package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import jakarta.resource.spi.InvalidPropertyException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM signatures on messages captured at a scripted SMTP server, checked by dkimpy (not by our
 * code): sent directly, through the outbox, across an adapter restart, in a local transaction,
 * from several threads at once; and a tampered message that dkimpy rejects.
 */
class DkimTest {
    @TempDir
    Path outbox;

    private final CapturedMail mail = new CapturedMail();

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void rsaAndEd25519SignaturesOnADirectSendVerifyWithDkimpy() throws Exception {
        ExternalTools.assumeDkimpy();
        mail.start(dkim(keys().rsaEntry() + ", " + keys().ed25519Entry()), 1);

        mail.mailroom.send(html("two signatures"));

        ExternalTools.Result result = ExternalTools.dkimVerify(mail.received(0));
        assertTrue(result.ok(), result.toString());
        assertTrue(result.out().contains("s=rsa2026 a=rsa-sha256 pass"), result.toString());
        assertTrue(result.out().contains("s=ed2026 a=ed25519-sha256 pass"), result.toString());
    }

    @Test
    void aTamperedBodyOrAnAddedSubjectFailsDkimpy() throws Exception {
        ExternalTools.assumeDkimpy();
        SmtpManagedConnectionFactory settings = dkim(keys().rsaEntry());
        settings.setDkimOversign(true);
        mail.start(settings, 1);
        mail.mailroom.send(TestMailroom.email("pay 10 EUR"));
        byte[] original = mail.received(0);
        assertTrue(ExternalTools.dkimVerify(original).ok(), "the untouched message verifies");

        String text = new String(original, StandardCharsets.ISO_8859_1);
        byte[] body = text.replace("Hello from pay 10 EUR", "Hello from pay 99 EUR").getBytes(StandardCharsets.ISO_8859_1);
        ExternalTools.Result tampered = ExternalTools.dkimVerify(body);
        assertFalse(tampered.ok(), tampered.toString());
        assertTrue(tampered.out().contains("fail"), tampered.toString());

        byte[] addedSubject = ("Subject: urgent\r\n" + text).getBytes(StandardCharsets.ISO_8859_1);
        assertFalse(ExternalTools.dkimVerify(addedSubject).ok(), "an added Subject breaks an oversigned signature");
    }

    @Test
    void simpleCanonicalizationVerifiesWithDkimpy() throws Exception {
        ExternalTools.assumeDkimpy();
        SmtpManagedConnectionFactory settings = dkim(keys().rsaEntry() + "," + keys().ed25519Entry());
        settings.setDkimCanonicalization("simple/simple");
        mail.start(settings, 1);

        mail.mailroom.send(html("simple"));

        byte[] message = mail.received(0);
        assertTrue(new String(message, StandardCharsets.ISO_8859_1).contains("c=simple/simple"));
        ExternalTools.Result result = ExternalTools.dkimVerify(message);
        assertTrue(result.ok(), result.toString());
    }

    @Test
    void aQueuedMessageIsStoredSignedAndStillVerifiesWhenDeliveredAfterARestart() throws Exception {
        ExternalTools.assumeDkimpy();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        mail.mailroom = new TestMailroom(outboxSettings(port), 1);
        SendReceipt receipt = mail.mailroom.enqueue(html("kept on disk, signed"));
        mail.stopMailroom();
        assertTrue(journalContains("DKIM-Signature: v=1; a=ed25519-sha256"), "the journal holds the signed bytes");

        mail.smtp = ScriptedSmtpServer.start(port, Duration.ofSeconds(30));
        mail.mailroom = new TestMailroom(outboxSettings(port), 1);
        Await.until(() -> mail.smtp.messages().size() == 1 && mail.mailroom.factory().outboxStatus().queued() == 0);

        byte[] delivered = mail.received(0);
        assertTrue(new String(delivered, StandardCharsets.ISO_8859_1).contains(receipt.messageId()));
        ExternalTools.Result result = ExternalTools.dkimVerify(delivered);
        assertTrue(result.ok(), result.toString());
        assertEquals(2, result.out().lines().filter(l -> l.endsWith("pass")).count(), result.toString());
    }

    @Test
    void aMessageSentInALocalTransactionIsSignedWhenItIsDeliveredAfterCommit() throws Exception {
        ExternalTools.assumeDkimpy();
        SmtpManagedConnectionFactory settings = dkim(keys().rsaEntry());
        settings.setOutboxDirectory(outbox.toString());
        mail.start(settings, 1);
        SmtpManagedConnection connection = (SmtpManagedConnection) settings.createManagedConnection(null, null);
        connection.getLocalTransaction().begin();
        SendReceipt receipt = connection.send(html("committed"));
        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        assertEquals(0, mail.smtp.messages().size(), "nothing leaves before the commit");
        connection.getLocalTransaction().commit();
        connection.destroy();

        Await.until(() -> mail.smtp.messages().size() == 1);
        ExternalTools.Result result = ExternalTools.dkimVerify(mail.received(0));
        assertTrue(result.ok(), result.toString());
    }

    @Test
    void messagesSentFromSeveralThreadsAtOnceAllVerify() throws Exception {
        ExternalTools.assumeDkimpy();
        SmtpManagedConnectionFactory settings = dkim(keys().rsaEntry() + "," + keys().ed25519Entry());
        mail.start(settings, 4);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<SendReceipt>> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Email email = html("bulk " + i);
                sent.add(threads.submit(() -> {
                    try (MailConnection connection = mail.mailroom.connection()) {
                        return connection.send(email);
                    }
                }));
            }
            for (Future<SendReceipt> f : sent) {
                assertEquals(SendReceipt.Status.SENT, f.get().status());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(12, mail.smtp.messages().size());
        for (int i = 0; i < 12; i++) {
            ExternalTools.Result result = ExternalTools.dkimVerify(mail.received(i));
            assertTrue(result.ok(), result.toString());
        }
    }

    @Test
    void aFromDomainWithoutAKeyIsSentUnsigned() throws Exception {
        mail.start(dkim(keys().rsaEntry()), 1);

        mail.mailroom.send(Email.builder().from("news@elsewhere.test").to(TestMailroom.TO).subject("other domain")
                .text("no key for this domain").build());

        assertFalse(new String(mail.received(0), StandardCharsets.ISO_8859_1).contains("DKIM-Signature"));
    }

    @Test
    void aSubdomainSenderIsSignedWithTheParentDomainsKey() throws Exception {
        mail.start(dkim(keys().rsaEntry()), 1);

        mail.mailroom.send(Email.builder().from("news@mail." + SigningKeys.DOMAIN).to(TestMailroom.TO).subject("sub")
                .text("relaxed alignment").build());

        assertTrue(new String(mail.received(0), StandardCharsets.ISO_8859_1).contains("d=" + SigningKeys.DOMAIN + ";"));
    }

    @Test
    void badDkimSettingsFailWhenTheConnectionFactoryIsCreatedNamingTheSetting() {
        assertSetting("MAILROOM-8101 dkimKeys", dkim("example.com=/no/selector.pem"));
        assertSetting("MAILROOM-8103 dkimKeys", dkim("s1@example.com=/no/such/key.pem"));
        assertSetting("MAILROOM-8102 dkimKeys", dkim("weak@example.com=" + keys().dkimWeakRsa));
        SmtpManagedConnectionFactory canonicalization = dkim(keys().rsaEntry());
        canonicalization.setDkimCanonicalization("loose/relaxed");
        assertSetting("MAILROOM-8105 dkimCanonicalization", canonicalization);
        SmtpManagedConnectionFactory headers = dkim(keys().rsaEntry());
        headers.setDkimHeaders("From,DKIM-Signature");
        assertSetting("MAILROOM-8104 dkimHeaders", headers);
    }

    @Test
    void aPkcs1RsaKeySignsToo() throws Exception {
        ExternalTools.assumeDkimpy();
        mail.start(dkim("rsa2026@" + SigningKeys.DOMAIN + "=" + keys().dkimRsaPkcs1), 1);

        mail.mailroom.send(TestMailroom.email("pkcs1"));

        ExternalTools.Result result = ExternalTools.dkimVerify(mail.received(0));
        assertTrue(result.ok(), result.toString());
    }

    @Test
    void aDerKeyAndANamedSendersKeysFromASystemPropertySign() throws Exception {
        ExternalTools.assumeDkimpy();
        String key = "mailroom.\"billing\".dkim-keys";
        System.setProperty(key, "ed2026@" + SigningKeys.DOMAIN + "=" + keys().dkimEd25519Der);
        try {
            SmtpManagedConnectionFactory settings = TestMailroom.settings(1);
            settings.setConfigName("billing");
            mail.start(settings, 1);

            mail.mailroom.send(html("billing"));
        } finally {
            System.clearProperty(key);
        }

        ExternalTools.Result result = ExternalTools.dkimVerify(mail.received(0));
        assertTrue(result.ok(), result.toString());
        assertTrue(result.out().contains("s=ed2026 a=ed25519-sha256 pass"), result.toString());
    }

    private static void assertSetting(String expected, SmtpManagedConnectionFactory settings) {
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, () -> new TestMailroom(settings, 1));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    private static SigningKeys keys() {
        return SigningKeys.get();
    }

    private static SmtpManagedConnectionFactory dkim(String keys) {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(1);
        settings.setDkimKeys(keys);
        return settings;
    }

    private SmtpManagedConnectionFactory outboxSettings(int port) {
        SmtpManagedConnectionFactory settings = dkim(keys().rsaEntry() + "," + keys().ed25519Entry());
        settings.setPort(port);
        settings.setOutboxDirectory(outbox.toString());
        settings.setConnectTimeoutMillis(1_000);
        settings.setRetryInitialDelayMillis(50);
        settings.setRetryMaxDelayMillis(200);
        return settings;
    }


    private boolean journalContains(String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.walk(outbox)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                        .contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A message with text, HTML and non-ASCII text, so quoted-printable parts and a multipart are signed. */
    static Email html(String subject) {
        return richText(subject).build();
    }

    /** @return a builder for {@link #html(String)}, to add S/MIME to */
    static Email.Builder richText(String subject) {
        return Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).subject(subject + " — grüße")
                .text("Hello from " + subject + ",\nline two   with  spaces  \n\n\n")
                .html("<p>Hello from <b>" + subject + "</b> — grüße</p>").header("X-Order-Id", "A-1");
    }
}
