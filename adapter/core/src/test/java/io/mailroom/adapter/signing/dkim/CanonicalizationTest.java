package io.mailroom.adapter.signing.dkim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mailroom.adapter.mime.RawMessage;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The example of RFC 6376 section 3.4.5, and the empty-body rules of 3.4.3 and 3.4.4. */
class CanonicalizationTest {
    private static final byte[] EXAMPLE = (
            "A: X\r\n"
            + "B : Y\t\r\n"
            + "\tZ  \r\n"
            + "\r\n"
            + " C \r\n"
            + "D \t E\r\n"
            + "\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void relaxedMatchesTheRfcExample() {
        assertEquals("a:X\r\nb:Y Z\r\n", headers(Canonicalization.RELAXED));
        assertEquals(" C\r\nD E\r\n", body(Canonicalization.RELAXED, EXAMPLE));
    }

    @Test
    void simpleMatchesTheRfcExample() {
        assertEquals("A: X\r\nB : Y\t\r\n\tZ  \r\n", headers(Canonicalization.SIMPLE));
        assertEquals(" C \r\nD \t E\r\n", body(Canonicalization.SIMPLE, EXAMPLE));
    }

    @Test
    void anEmptyBodyIsOneCrlfInSimpleAndNothingInRelaxed() {
        byte[] empty = "From: a@b.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("\r\n", body(Canonicalization.SIMPLE, empty));
        assertEquals("", body(Canonicalization.RELAXED, empty));
    }

    @Test
    void aLastLineWithoutCrlfGetsOne() {
        byte[] message = "From: a@b.test\r\n\r\nno newline".getBytes(StandardCharsets.US_ASCII);
        assertEquals("no newline\r\n", body(Canonicalization.SIMPLE, message));
        assertEquals("no newline\r\n", body(Canonicalization.RELAXED, message));
    }

    @Test
    void bareLineEndsBecomeCrlf() {
        assertEquals("a\r\nb\r\nc\r\n\r\n", new String(RawMessage.crlf("a\nb\rc\r\n\n".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII));
    }

    private static String headers(Canonicalization c) {
        return RawMessage.parse(EXAMPLE).fields().stream().map(c::header).collect(Collectors.joining());
    }

    private static String body(Canonicalization c, byte[] message) {
        return new String(c.body(message, RawMessage.parse(message).bodyOffset()), StandardCharsets.US_ASCII);
    }
}
