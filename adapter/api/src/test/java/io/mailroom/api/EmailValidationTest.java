package io.mailroom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is refused where the application gives it, naming the field and the rule. */
class EmailValidationTest {
    private static final String INJECTED = "\r\nBcc: victim@x.test";

    static Stream<Arguments> badInput() {
        return Stream.of(
                refused("a subject with a line break", "subject", "MAILROOM-1001",
                        () -> Email.builder().subject("Hi" + INJECTED)),
                refused("a header value with a line break", "header:X-Tag", "MAILROOM-1001",
                        () -> Email.builder().header("X-Tag", "a" + INJECTED)),
                refused("an address with a line break", "to", "MAILROOM-1001",
                        () -> Email.builder().to("a@x.test" + INJECTED)),
                refused("a header name with a colon", "header:X-Bad:Name", "MAILROOM-1004",
                        () -> Email.builder().header("X-Bad:Name", "v")),
                refused("a header Mailroom writes itself", "header:Content-Type", "MAILROOM-1005",
                        () -> Email.builder().header("Content-Type", "text/html")),
                refused("a message without recipient", "to", "MAILROOM-1003",
                        () -> Email.builder().from("a@x.test").text("x").build()),
                refused("an attachment file that does not exist", "attachment:missing.pdf", "MAILROOM-1011",
                        () -> Attachment.fromFile(Path.of("target", "no-such-dir", "missing.pdf"), "application/pdf")),
                refused("a recipient certificate that is not PEM", "encrypt", "MAILROOM-8001",
                        () -> RecipientCertificate.fromPem("bob@x.test", "-----BEGIN CERTIFICATE-----\nnot base64\n")),
                refused("a recipient certificate without an address", "encrypt", "MAILROOM-1002",
                        () -> RecipientCertificate.of(" ", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void isRefusedNamingTheField(Executable input, String field, String messageId) {
        InvalidEmailException e = assertThrows(InvalidEmailException.class, input);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(messageId), e.getMessage());
    }

    private static Arguments refused(String input, String field, String messageId, Executable attempt) {
        return Arguments.of(named(input, attempt), field, messageId);
    }
}
