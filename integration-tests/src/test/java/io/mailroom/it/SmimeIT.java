package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.RecipientCertificate;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server: S/MIME encryption with the Bouncy Castle the {@code .rar} packages,
 * in the server's class loaders. The recipient's RSA key is made with the JDK's keytool; the
 * message that arrives at GreenMail is opened with {@code openssl cms -decrypt} where OpenSSL is
 * installed.
 */
@ExtendWith(ArquillianExtension.class)
class SmimeIT {
    private static final String TO = "customer@example.com";
    private static final String PASSWORD = "changeit";

    @Deployment
    static EnterpriseArchive deployment() {
        return ItDeployment.ear(SmimeIT.class);
    }

    @Test
    void anEncryptedMessageLeavesTheServerReadableOnlyWithTheRecipientsKey() throws Exception {
        Path dir = Files.createTempDirectory("mailroom-smime-it");
        KeyStore store = recipientKey(dir);
        X509Certificate certificate = (X509Certificate) store.getCertificate("customer");
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        MailConnectionFactory factory = ItServer.lookup("mail/it");

        try (MailConnection mail = factory.getConnection()) {
            mail.send(Email.builder().from("shop@example.com").to(TO).subject("S/MIME in the server")
                    .text("the secret is 42").encrypt(RecipientCertificate.of(TO, certificate)).build());
        }

        List<MimeMessage> received = mailbox.awaitMessages(1);
        MimeMessage message = received.get(0);
        assertEquals("S/MIME in the server", message.getSubject());
        assertTrue(message.getContentType().contains("application/pkcs7-mime"), message.getContentType());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        assertFalse(raw.toString(StandardCharsets.ISO_8859_1).contains("the secret is 42"), "encrypted on the wire");
        Path key = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY",
                ((PrivateKey) store.getKey("customer", PASSWORD.toCharArray())).getEncoded())
                + pem("CERTIFICATE", certificate.getEncoded()));
        String decrypted = openssl(raw.toByteArray(), "cms", "-decrypt", "-recip", key.toString(), "-inkey", key.toString());
        if (decrypted != null) {
            assertTrue(decrypted.contains("the secret is 42"), decrypted);
        }
    }

    private static KeyStore recipientKey(Path dir) throws Exception {
        Path file = dir.resolve("customer.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "customer", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + TO, "-ext", "SAN=email:" + TO, "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** @return what openssl printed, or {@code null} where it is not installed */
    private static String openssl(byte[] input, String... arguments) throws Exception {
        Path in = Files.createTempFile("smime-it", ".eml");
        Files.write(in, input);
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-in", in.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException notInstalled) {
            return null;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
        return output;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
