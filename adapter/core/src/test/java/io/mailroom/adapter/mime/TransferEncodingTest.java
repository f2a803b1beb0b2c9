package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The transfer encoding Mailroom chooses for a text part, as Angus Mail would. */
class TransferEncodingTest {

    @Test
    void shortLinedAsciiIsSevenBit() {
        assertEquals("7bit", TransferEncoding.forText("Hello,\r\nyour order shipped.\n\tThanks"));
    }

    @Test
    void mostlyAsciiWithSomeAccentsIsQuotedPrintable() {
        assertEquals("quoted-printable", TransferEncoding.forText("Grüße aus Köln, und vielen Dank"));
    }

    @Test
    void mostlyNonAsciiIsBase64() {
        assertEquals("base64", TransferEncoding.forText("ご注文ありがとうございます"));
    }

    @Test
    void aLineLongerThanSmtpAllowsIsQuotedPrintable() {
        assertEquals("quoted-printable", TransferEncoding.forText("x".repeat(999)));
    }

    @Test
    void aLineOfExactlyTheLimitIsSevenBitAndOneMoreIsNot() {
        assertEquals("7bit", TransferEncoding.forText("x".repeat(998) + "\r\n" + "y".repeat(998)));
        assertEquals("quoted-printable", TransferEncoding.forText("x".repeat(998) + "\n" + "y".repeat(999) + "\rz"));
        assertEquals("quoted-printable", TransferEncoding.forText("a\r" + "x".repeat(999) + "\n"));
    }

    /** The loop that tests printable ASCII first decides as the plain rule below does, character by character. */
    @Test
    void randomTextsGetWhatTheCharacterByCharacterRuleGives() {
        Random random = new Random(1201);
        char[] alphabet = {'a', ' ', '\r', '\n', '\t', 0, 0x1F, 0x7F, 'é', '日', '~'};
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(3) == 0 ? 990 + random.nextInt(20) : random.nextInt(30);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'x');
            }
            assertEquals(byTheRule(text.toString()), TransferEncoding.forText(text.toString()), text::toString);
        }
    }

    /** Non-ASCII: 0x7F and above, and controls but tab; a line longer than 998 characters needs encoding. */
    private static String byTheRule(String text) {
        int nonAscii = 0;
        int lineLength = 0;
        boolean longLine = false;
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r') {
                lineLength = 0;
                continue;
            }
            if (c >= 0x7F || (c < 0x20 && c != '\t')) {
                nonAscii++;
            }
            longLine |= ++lineLength > 998;
        }
        if (nonAscii == 0 && !longLine) {
            return "7bit";
        }
        return nonAscii * 3 > text.length() ? "base64" : "quoted-printable";
    }
}
