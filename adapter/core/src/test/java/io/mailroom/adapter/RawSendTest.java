package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.api.Envelope;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.ScriptedSmtpServer.Message;
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
    void theReceiptCarriesTheMessageIdFromTheHeaders() {
        SendReceipt receipt = server.mailroom().sendRaw(RAW, ENVELOPE);
        assertEquals("<raw-1@sender.test>", receipt.messageId());
    }
}
