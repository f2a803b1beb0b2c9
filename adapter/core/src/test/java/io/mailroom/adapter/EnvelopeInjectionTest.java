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
 * Characters whose low byte is CR or LF (U+760D, U+760A) in an address: before the fix Angus Mail
 * cut them to one byte on the way to the wire, and the server received RCPT TO commands the
 * address's author chose. Now they are refused at the call, and the recording server shows that
 * not a single MAIL or RCPT command was sent.
 */
class EnvelopeInjectionTest {
    /** A quoted local part hiding "\r\nRCPT TO:<victim@evil.test>" behind two CJK characters. */
    private static final String HOSTILE = "\"a\u760D\u760ARCPT TO:<victim@evil.test>\"@receiver.test";
    private static final byte[] RAW = "From: a@sender.test\r\nSubject: raw\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    final ScriptedServerExtension server = new ScriptedServerExtension();

    @Test
    void aHostileToAddressIsRefusedNamingTheFieldAndNoCommandIsSent() {
        Email email = Email.builder().from(TestMailroom.FROM).to(HOSTILE).subject("s").text("t").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> server.mailroom().send(email));
        assertEquals("to", e.field());
        assertNoMailTransaction();
    }

    @Test
    void aHostileFromAddressIsRefusedNamingTheField() {
        Email email = Email.builder().from(HOSTILE).to(TestMailroom.TO).subject("s").text("t").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> server.mailroom().send(email));
        assertEquals("from", e.field());
        assertNoMailTransaction();
    }

    @Test
    void aHostileRawEnvelopeRecipientIsRefused() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> server.mailroom().sendRaw(RAW, Envelope.of(TestMailroom.FROM, HOSTILE)));
        assertEquals("recipients", e.field());
        assertNoMailTransaction();
    }

    @Test
    void aHostileRawEnvelopeSenderIsRefused() {
        InvalidEmailException e = assertThrows(InvalidEmailException.class,
                () -> server.mailroom().sendRaw(RAW, Envelope.of(HOSTILE, TestMailroom.TO)));
        assertEquals("mailFrom", e.field());
        assertNoMailTransaction();
    }

    @Test
    void aHostileAddressIsNotStoredInTheOutbox() {
        Email email = Email.builder().from(TestMailroom.FROM).bcc(HOSTILE).subject("s").text("t").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> server.mailroom().enqueue(email));
        assertEquals("bcc", e.field());
        assertEquals(0, server.mailroom().factory().outboxStatus().queued());
    }

    @Test
    void aGroupGivenAsOneRecipientIsRefused() {
        Email email = Email.builder().from(TestMailroom.FROM).to("g: a@x.test, b@y.test;").subject("s").text("t").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> server.mailroom().send(email));
        assertEquals("to", e.field());
        assertNoMailTransaction();
    }

    @Test
    void aListGivenAsOneRecipientIsRefused() {
        Email email = Email.builder().from(TestMailroom.FROM).cc("a@x.test, b@y.test").to(TestMailroom.TO)
                .subject("s").text("t").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> server.mailroom().send(email));
        assertEquals("cc", e.field());
        assertNoMailTransaction();
    }

    @Test
    void aNonAsciiAddressIsRefusedWhenTheServerDoesNotOfferSmtpUtf8() {
        Email email = Email.builder().from(TestMailroom.FROM).to("jürgen@receiver.test").subject("s").text("t").build();
        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> server.mailroom().send(email));
        assertEquals("to", e.field());
        assertTrue(e.getMessage().contains("SMTPUTF8"), e.getMessage());
        assertNoMailTransaction();
    }

    private void assertNoMailTransaction() {
        List<String> sent = server.smtp().commands().stream()
                .filter(c -> c.startsWith("MAIL") || c.startsWith("RCPT") || c.startsWith("DATA")).toList();
        assertEquals(List.of(), sent, "commands the server received: " + server.smtp().commands());
    }
}
