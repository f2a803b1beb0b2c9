package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.RecipientCertificate;
import io.mailroom.api.RecipientCertificateProvider;
import jakarta.activation.CommandInfo;
import jakarta.activation.CommandMap;
import jakarta.activation.DataContentHandler;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * S/MIME messages captured at a scripted SMTP server, checked by OpenSSL (not by our code):
 * signatures verify against the test CA, encrypted mail decrypts with each recipient's key,
 * signed-then-encrypted mail does both; a tampered signed message fails; a recipient without a
 * certificate fails the call and nothing is sent or queued.
 */
class SmimeTest {
    private static final String PROVIDER = "smime-test-directory";

    private final CapturedMail mail = new CapturedMail();

    @AfterEach
    void stop() {
        RecipientCertificateProvider.unregister(PROVIDER);
        mail.close();
    }

    @Test
    void aSignedMessageVerifiesWithOpensslAndShowsItsText() throws Exception {
        ExternalTools.assumeOpenssl();
        mail.start(signing(), 1);

        mail.mailroom.send(DkimTest.richText("signed").sign().build());

        String message = mail.text(0);
        assertTrue(message.contains("Content-Type: multipart/signed"), message);
        assertTrue(message.contains("protocol=\"application/pkcs7-signature\""), message);
        ExternalTools.Result verified = ExternalTools.opensslVerify(mail.received(0), keys().caPem);
        assertTrue(verified.ok(), verified.toString());
        assertTrue(verified.err().contains("Verification successful"), verified.toString());
        assertTrue(verified.out().contains("Hello from signed"), verified.toString());
    }

    @Test
    void aTamperedSignedMessageFailsOpensslVerification() throws Exception {
        ExternalTools.assumeOpenssl();
        mail.start(signing(), 1);
        mail.mailroom.send(Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).subject("pay")
                .text("pay 10 EUR to account 1234").sign().build());
        assertTrue(ExternalTools.opensslVerify(mail.received(0), keys().caPem).ok(), "the untouched message verifies");

        byte[] tampered = mail.text(0).replace("pay 10 EUR", "pay 99 EUR").getBytes(StandardCharsets.ISO_8859_1);
        ExternalTools.Result result = ExternalTools.opensslVerify(tampered, keys().caPem);

        assertFalse(result.ok(), result.toString());
        assertTrue(result.err().contains("Verification failure") || result.err().contains("digest failure"),
                result.toString());
    }

    @Test
    void aMessageEncryptedToTwoRecipientsDecryptsWithEachKeyAndHidesItsText() throws Exception {
        ExternalTools.assumeOpenssl();
        mail.start(TestMailroom.settings(1), 1);

        mail.mailroom.send(Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).cc(keys().second.address())
                .subject("secret").text("the secret is 42")
                .encrypt(certificateOf(keys().customer), certificateOf(keys().second)).build());

        String message = mail.text(0);
        assertFalse(message.contains("the secret is 42"), "the text is not readable on the wire");
        assertTrue(message.contains("smime-type=enveloped-data"), message);
        assertTrue(message.contains("Subject: secret"), "the outer headers stay readable");
        for (SigningKeys.Person recipient : new SigningKeys.Person[] {keys().customer, keys().second}) {
            ExternalTools.Result decrypted = ExternalTools.opensslDecrypt(mail.received(0), recipient);
            assertTrue(decrypted.ok(), recipient.address() + ": " + decrypted);
            assertTrue(decrypted.out().contains("the secret is 42"), decrypted.toString());
        }
        ExternalTools.Result stranger = ExternalTools.opensslDecrypt(mail.received(0), keys().sender);
        assertFalse(stranger.ok(), "a key the message was not encrypted to cannot read it: " + stranger);
    }

    @Test
    void aesGcmEncryptionIsAuthenticatedEnvelopedDataThatOpensslDecrypts() throws Exception {
        ExternalTools.assumeOpenssl();
        SmtpManagedConnectionFactory settings = TestMailroom.settings(1);
        settings.setSmimeEncryption("AES256_GCM");
        mail.start(settings, 1);

        mail.mailroom.send(Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).subject("gcm")
                .text("sealed with GCM").encrypt(certificateOf(keys().customer)).build());

        assertTrue(mail.text(0).contains("smime-type=authEnveloped-data"), mail.text(0));
        ExternalTools.Result decrypted = ExternalTools.opensslDecrypt(mail.received(0), keys().customer);
        assertTrue(decrypted.ok(), decrypted.toString());
        assertTrue(decrypted.out().contains("sealed with GCM"), decrypted.toString());
    }

    /**
     * Inside Open Liberty, with a feature that exports the Activation API to applications,
     * Activation's default command map cannot load Mailroom's Activation provider ("not a
     * subtype"); S/MIME must not need it. Here every call to the default map fails.
     */
    @Test
    void signingAndEncryptingNeverUseActivationsDefaultCommandMap() throws Exception {
        ExternalTools.assumeOpenssl();
        mail.start(signing(), 1);
        CommandMap before = CommandMap.getDefaultCommandMap();
        CommandMap.setDefaultCommandMap(new UnusableCommandMap());
        try {
            mail.mailroom.send(DkimTest.richText("no command map").sign().encrypt(certificateOf(keys().customer)).build());
        } finally {
            CommandMap.setDefaultCommandMap(before);
        }

        ExternalTools.Result decrypted = ExternalTools.opensslDecrypt(mail.received(0), keys().customer);
        assertTrue(decrypted.ok(), decrypted.toString());
        ExternalTools.Result verified = ExternalTools.opensslVerify(
                decrypted.out().getBytes(StandardCharsets.ISO_8859_1), keys().caPem);
        assertTrue(verified.ok(), verified.toString());
        assertTrue(verified.out().contains("Hello from no command map"), verified.toString());
    }

    @Test
    void aSignedThenEncryptedMessageDecryptsAndItsSignatureVerifies() throws Exception {
        ExternalTools.assumeOpenssl();
        mail.start(signing(), 1);

        mail.mailroom.send(DkimTest.richText("both").sign().encrypt(certificateOf(keys().customer)).build());

        ExternalTools.Result decrypted = ExternalTools.opensslDecrypt(mail.received(0), keys().customer);
        assertTrue(decrypted.ok(), decrypted.toString());
        assertTrue(decrypted.out().contains("multipart/signed"), decrypted.toString());
        ExternalTools.Result verified = ExternalTools.opensslVerify(
                decrypted.out().getBytes(StandardCharsets.ISO_8859_1), keys().caPem);
        assertTrue(verified.ok(), verified.toString());
        assertTrue(verified.out().contains("Hello from both"), verified.toString());
    }

    @Test
    void sMimeThenDkimBothVerify() throws Exception {
        ExternalTools.assumeOpenssl();
        ExternalTools.assumeDkimpy();
        SmtpManagedConnectionFactory settings = signing();
        settings.setDkimKeys(keys().rsaEntry() + "," + keys().ed25519Entry());
        mail.start(settings, 1);

        mail.mailroom.send(DkimTest.richText("signed twice").sign().build());

        ExternalTools.Result dkim = ExternalTools.dkimVerify(mail.received(0));
        assertTrue(dkim.ok(), dkim.toString());
        ExternalTools.Result smime = ExternalTools.opensslVerify(mail.received(0), keys().caPem);
        assertTrue(smime.ok(), smime.toString());
    }

    @Test
    void certificatesComeFromTheRegisteredProviderWhenTheMessageHasNone() throws Exception {
        ExternalTools.assumeOpenssl();
        RecipientCertificateProvider.register(PROVIDER, address -> address.equals(TestMailroom.TO)
                ? Optional.of(keys().customer.certificate()) : Optional.empty());
        SmtpManagedConnectionFactory settings = TestMailroom.settings(1);
        settings.setSmimeCertificateProvider(PROVIDER);
        mail.start(settings, 1);

        mail.mailroom.send(Email.builder().from(TestMailroom.FROM).to("Customer <Customer@Receiver.test>")
                .subject("from the directory").text("found by the provider").encrypt().build());

        ExternalTools.Result decrypted = ExternalTools.opensslDecrypt(mail.received(0), keys().customer);
        assertTrue(decrypted.ok(), decrypted.toString());
        assertTrue(decrypted.out().contains("found by the provider"), decrypted.toString());
    }

    @Test
    void aRecipientWithoutACertificateFailsTheCallByNameAndNothingIsSentOrQueued() throws Exception {
        RecipientCertificateProvider.register(PROVIDER, address -> Optional.empty());
        SmtpManagedConnectionFactory settings = TestMailroom.settings(1);
        settings.setSmimeCertificateProvider(PROVIDER);
        mail.start(settings, 1);
        Email email = Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).bcc("hidden@receiver.test")
                .subject("half").text("must not leave").encrypt(certificateOf(keys().customer)).build();

        InvalidEmailException sent = assertThrows(InvalidEmailException.class, () -> mail.mailroom.send(email));
        InvalidEmailException queued = assertThrows(InvalidEmailException.class, () -> mail.mailroom.enqueue(email));

        for (InvalidEmailException e : new InvalidEmailException[] {sent, queued}) {
            assertTrue(e.getMessage().startsWith("MAILROOM-8002 no S/MIME certificate for recipient hidden@receiver.test"),
                    e.getMessage());
            assertFalse(e.getMessage().contains(TestMailroom.TO), "only the recipient without one is named");
        }
        assertEquals(0, mail.smtp.messages().size());
        assertEquals(0, mail.mailroom.factory().outboxStatus().queued());
    }

    @Test
    void signingWithoutAKeyStoreFailsTheCallNamingTheSetting() throws Exception {
        mail.start(TestMailroom.settings(1), 1);

        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> mail.mailroom.send(plain("unsigned").sign().build()));

        assertTrue(e.getMessage().startsWith("MAILROOM-8003") && e.getMessage().contains("smimeKeyStore"), e.getMessage());
        assertEquals(0, mail.smtp.messages().size());
    }

    @Test
    void aPemKeyFileSignsLikeAPkcs12KeyStore() throws Exception {
        ExternalTools.assumeOpenssl();
        SmtpManagedConnectionFactory settings = TestMailroom.settings(1);
        settings.setSmimeKeyStore(keys().sender.pem().toString());
        settings.setSmimeKeyStoreType("PEM");
        mail.start(settings, 1);

        mail.mailroom.send(plain("pem").sign().build());

        ExternalTools.Result verified = ExternalTools.opensslVerify(mail.received(0), keys().caPem);
        assertTrue(verified.ok(), verified.toString());
    }

    @Test
    void aWrongKeyStorePasswordFailsWhenTheFactoryIsCreatedWithoutShowingIt() {
        SmtpManagedConnectionFactory settings = signing();
        settings.setSmimeKeyStorePassword("wrong-Pa55word");

        InvalidPropertyException e;
        String log;
        try (LogCapture capture = new LogCapture()) {
            e = assertThrows(InvalidPropertyException.class, () -> new TestMailroom(settings, 1));
            log = capture.text();
        }

        assertTrue(e.getMessage().startsWith("MAILROOM-8122 smimeKeyStore"), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t).contains("wrong-Pa55word"), String.valueOf(t));
        }
        assertFalse(log.contains("wrong-Pa55word"), log);
        assertFalse(settings.toString().contains("wrong-Pa55word"), settings.toString());
    }

    @Test
    void theKeyStorePasswordStaysOutOfTheLogWhenSigning() throws Exception {
        try (LogCapture capture = new LogCapture()) {
            SmtpManagedConnectionFactory settings = signing();
            mail.start(settings, 1);
            mail.mailroom.send(plain("logged?").sign().build());
            mail.stopMailroom();
            String seen = capture.text() + settings + mail.text(0);
            assertTrue(seen.contains("MAILROOM-0001"), "the log was captured: " + seen);
            assertFalse(seen.contains(SigningKeys.PASSWORD), seen);
        }
    }

    @Test
    void aCertificateGivenAsPemTextIsReadByTheApi() throws Exception {
        RecipientCertificate c = RecipientCertificate.fromPem("Bob@Example.COM ",
                Files.readString(keys().customer.certificatePem()));

        assertEquals("bob@example.com", c.address());
        assertEquals(keys().customer.certificate(), c.certificate());
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> RecipientCertificate.fromPem("bob@example.com", "not a certificate"));
        assertTrue(e.getMessage().startsWith("MAILROOM-8001"), e.getMessage());
    }

    private static SmtpManagedConnectionFactory signing() {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(1);
        settings.setSmimeKeyStore(keys().sender.keyStore().toString());
        settings.setSmimeKeyStorePassword(SigningKeys.PASSWORD);
        return settings;
    }

    private static Email.Builder plain(String subject) {
        return Email.builder().from(TestMailroom.FROM).to(TestMailroom.TO).subject(subject).text("Hello from " + subject);
    }

    private static RecipientCertificate certificateOf(SigningKeys.Person person) {
        return RecipientCertificate.of(person.address(), person.certificate());
    }

    private static SigningKeys keys() {
        return SigningKeys.get();
    }


    /** A default command map as broken as Liberty's can be for the adapter: every call fails. */
    private static final class UnusableCommandMap extends CommandMap {
        @Override
        public CommandInfo[] getPreferredCommands(String mimeType) {
            throw new IllegalStateException("the default command map was used for " + mimeType);
        }

        @Override
        public CommandInfo[] getAllCommands(String mimeType) {
            throw new IllegalStateException("the default command map was used for " + mimeType);
        }

        @Override
        public CommandInfo getCommand(String mimeType, String cmdName) {
            throw new IllegalStateException("the default command map was used for " + mimeType);
        }

        @Override
        public DataContentHandler createDataContentHandler(String mimeType) {
            throw new IllegalStateException("the default command map was used for " + mimeType);
        }
    }
}
