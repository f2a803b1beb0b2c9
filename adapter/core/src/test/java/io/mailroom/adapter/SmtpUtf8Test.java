package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Non-ASCII addresses (RFC 6531): sent as UTF-8 with the SMTPUTF8 parameter when the server
 * offers it, refused at the call naming the field when it does not, and never stored in the
 * outbox for a server that could not take them.
 */
class SmtpUtf8Test {
    private static final String TARO = "山田 太郎 <太郎@例え.jp>";
    private static final byte[] RAW = "From: a@sender.test\r\nSubject: raw\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final ScriptedServerExtension server = new ScriptedServerExtension();

    @Test
    void aNonAsciiRecipientGoesOutAsUtf8WithTheSmtpUtf8Parameter() {
        server.smtp().offerSmtpUtf8();
        server.mailroom().send(Email.builder().from(TestMailroom.FROM).to(TARO).subject("s").text("t").build());
        List<String> sent = server.smtp().commandsAsUtf8();
        assertTrue(sent.contains("MAIL FROM:<" + TestMailroom.FROM + "> SMTPUTF8"), sent.toString());
        assertTrue(sent.contains("RCPT TO:<太郎@例え.jp>"), sent.toString());
        String headers = new String(server.smtp().messages().get(0).data(), StandardCharsets.UTF_8);
        assertTrue(headers.contains("太郎@例え.jp"), headers);
    }

    /** The pipelined envelope carries the same UTF-8 bytes, MAIL FROM with its parameter in the one write. */
    @Test
    void aPipelinedNonAsciiEnvelopeGoesOutAsUtf8InOneWrite() {
        server.smtp().offerSmtpUtf8().offerPipelining();
        server.mailroom().send(Email.builder().from(TestMailroom.FROM).to(TARO).to("jürgen@receiver.test")
                .subject("s").text("t").build());
        List<String> sent = server.smtp().commandsAsUtf8();
        assertTrue(sent.contains("MAIL FROM:<" + TestMailroom.FROM + "> SMTPUTF8"), sent.toString());
        assertTrue(sent.contains("RCPT TO:<太郎@例え.jp>"), sent.toString());
        assertTrue(sent.contains("RCPT TO:<jürgen@receiver.test>"), sent.toString());
        String envelope = server.smtp().reads().stream().filter(r -> r.startsWith("MAIL FROM")).findFirst().orElseThrow();
        String utf8 = new String(envelope.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        assertEquals("MAIL FROM:<" + TestMailroom.FROM + "> SMTPUTF8\r\nRCPT TO:<太郎@例え.jp>\r\n"
                + "RCPT TO:<jürgen@receiver.test>\r\nDATA\r\n", utf8);
        assertEquals(1, server.smtp().messages().size());
    }

    @Test
    void anAsciiMessageCarriesNoSmtpUtf8ParameterEvenWhenOffered() {
        server.smtp().offerSmtpUtf8();
        server.mailroom().send(TestMailroom.email("ascii"));
        assertTrue(server.smtp().commands().contains("MAIL FROM:<" + TestMailroom.FROM + ">"), server.smtp().commands().toString());
    }

    @Test
    void aNonAsciiRawEnvelopeGoesOutAsUtf8WhenOffered() {
        server.smtp().offerSmtpUtf8();
        server.mailroom().sendRaw(RAW, Envelope.of("bounce@sender.test", "jürgen@receiver.test"));
        List<String> sent = server.smtp().commandsAsUtf8();
        assertTrue(sent.contains("MAIL FROM:<bounce@sender.test> SMTPUTF8"), sent.toString());
        assertTrue(sent.contains("RCPT TO:<jürgen@receiver.test>"), sent.toString());
    }

    @Test
    void aNonAsciiRawEnvelopeIsRefusedWithoutSmtpUtf8() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> server.mailroom().sendRaw(RAW, Envelope.of("bounce@sender.test", "jürgen@receiver.test")));
        assertEquals("recipients", e.field());
        assertTrue(server.smtp().commands().stream().noneMatch(c -> c.startsWith("MAIL")), server.smtp().commands().toString());
    }

    @Test
    void aNonAsciiAddressIsNotEnqueuedForAServerWithoutSmtpUtf8() {
        Email email = Email.builder().from(TestMailroom.FROM).to(TARO).subject("s").text("t").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> server.mailroom().enqueue(email));
        assertEquals("to", e.field());
        assertTrue(e.getMessage().startsWith("MAILROOM-8204"), e.getMessage());
        assertEquals(0, server.mailroom().factory().outboxStatus().queued());
    }
}
