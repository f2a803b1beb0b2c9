package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.api.Envelope;
import io.mailroom.api.MailConnection;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.ScriptedSmtpServer.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pre-composed message goes out byte for byte, to the envelope's recipients. */
class RawSendTest {
    private static final byte[] RAW = String.join("\r\n",
            "From: Shop <shop@sender.test>",
            "To: header-only@receiver.test",
            "Subject: Pre-composed",
            "Message-ID: <raw-1@sender.test>",
            "X-Spacing:   kept    as   is",
            "",
            "Line one",
            ".a line starting with a dot",
            "").getBytes(StandardCharsets.US_ASCII);
    private static final Envelope ENVELOPE = Envelope.of("bounce@sender.test", "envelope@receiver.test");

    @RegisterExtension
    final ScriptedServerExtension server = new ScriptedServerExtension();

    @Test
    void theBytesArriveExactlyAsGiven() {
        server.mailroom().sendRaw(RAW, ENVELOPE);
        assertArrayEquals(RAW, server.smtp().messages().get(0).data());
    }

    @Test
    void theEnvelopeNotTheHeadersDecidesSenderAndRecipients() {
        server.mailroom().sendRaw(RAW, ENVELOPE);
        Message received = server.smtp().messages().get(0);
        assertEquals("bounce@sender.test", received.mailFrom());
        assertEquals(List.of("envelope@receiver.test"), received.recipients());
    }

    @Test
    void aStreamedMessageArrivesExactlyAsGiven() {
        byte[] big = withBody(RAW, "0123456789abcdef".repeat(4096 * 16));
        try (MailConnection mail = server.mailroom().connection()) {
            mail.sendRaw(new ByteArrayInputStream(big), ENVELOPE);
        }
        assertArrayEquals(big, server.smtp().messages().get(0).data());
    }

    @Test
    void theReceiptCarriesTheMessageIdFromTheHeaders() {
        SendReceipt receipt = server.mailroom().sendRaw(RAW, ENVELOPE);
        assertEquals("<raw-1@sender.test>", receipt.messageId());
    }

    /** The headers of {@code message} with a body of 76-character lines made of {@code text}. */
    private static byte[] withBody(byte[] message, String text) {
        String headers = new String(message, StandardCharsets.US_ASCII).split("\r\n\r\n")[0];
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < text.length(); i += 76) {
            body.append(text, i, Math.min(text.length(), i + 76)).append("\r\n");
        }
        return (headers + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }
}
