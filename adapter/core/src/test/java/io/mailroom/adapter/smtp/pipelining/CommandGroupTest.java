package io.mailroom.adapter.smtp.pipelining;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandGroupTest {
    private static String group(String heldBack, List<String> commands, String content) {
        byte[] bytes = CommandGroup.withoutFinalCrlf(heldBack == null ? null : heldBack.getBytes(StandardCharsets.UTF_8),
                commands, content == null ? null : content.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anEnvelopeAndDataLeaveTheLastCrlfToAngus() {
        assertEquals("MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA",
                group(null, List.of("MAIL FROM:<a@b.test>", "RCPT TO:<c@d.test>", "DATA"), null));
    }

    @Test
    void aHeldBackMessageGoesFirstAndAChunkLast() {
        assertEquals("body\r\n.\r\nRSET\r\nMAIL FROM:<a@b.test>\r\nBDAT 6 LAST\r\nchunk",
                group("body\r\n.", List.of("RSET", "MAIL FROM:<a@b.test>", "BDAT 6 LAST"), "chunk\r\n"));
    }

    @Test
    void commandsAreEncodedInTheSessionsCharset() {
        assertEquals("RCPT TO:<jürgen@müller.test>", group(null, List.of("RCPT TO:<jürgen@müller.test>"), null));
    }
}
