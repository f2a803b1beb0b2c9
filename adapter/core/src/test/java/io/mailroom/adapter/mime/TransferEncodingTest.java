package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
