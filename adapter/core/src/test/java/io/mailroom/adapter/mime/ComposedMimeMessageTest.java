package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code saveChanges} of a composed message sets the headers Jakarta Mail's own
 * {@code updateHeaders} sets, in the same places, whether it takes the short way (a text the
 * composer set) or hands the message to Jakarta Mail; the message it compares with keeps Jakarta
 * Mail's own {@code InternetHeaders}, ours {@link IndexedHeaders}.
 */
class ComposedMimeMessageTest {
    private static final Session SESSION = Session.getInstance(new Properties());

    /** A change made to both messages after the content, before saving. */
    private interface Change {
        void apply(ComposedMimeMessage m) throws Exception;
    }

    static List<Arguments> messages() {
        return List.of(
                Arguments.of("7bit plain", "Hello,\r\nyour order has shipped.\r\n", "plain", none()),
                Arguments.of("quoted-printable", "Grüße aus Köln\r\n", "plain", none()),
                Arguments.of("base64", "日本語のテキストです。\r\n", "plain", none()),
                Arguments.of("html", "<p>Hello</p>", "html", none()),
                Arguments.of("empty", "", "plain", none()),
                Arguments.of("Content-Type set by hand", "text", "plain",
                        (Change) m -> m.setHeader("Content-Type", "text/plain; charset=UTF-8; format=flowed")),
                Arguments.of("no transfer encoding: Jakarta Mail chooses", "Grüße", "plain",
                        (Change) m -> m.removeHeader("Content-Transfer-Encoding")),
                Arguments.of("a Content-Disposition: Jakarta Mail names the type", "text", "plain",
                        (Change) m -> m.setHeader("Content-Disposition", "inline; filename=\"note.txt\"")),
                Arguments.of("no Date: Jakarta Mail's", "text", "plain", (Change) m -> m.removeHeader("Date")),
                Arguments.of("content replaced after the text", "text", "plain",
                        (Change) m -> m.setContent("<b>other</b>", "text/html; charset=us-ascii")));
    }

    private static Change none() {
        return m -> { };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void savedHeadersAreJakartaMails(String name, String text, String subtype, Change change) throws Exception {
        ComposedMimeMessage ours = message(text, subtype, change, true);
        ComposedMimeMessage jakarta = message(text, subtype, change, false);

        ours.saveChanges();
        jakarta.updatedByJakartaMail();

        assertNotNull(ours.getMessageID());
        assertEquals(headersWithoutId(jakarta), headersWithoutId(ours));
        assertEquals(withoutId(written(jakarta)), withoutId(written(ours)));
    }

    /** @param indexedHeaders {@code false} for Jakarta Mail's own header store, as well as its own {@code updateHeaders} */
    private static ComposedMimeMessage message(String text, String subtype, Change change, boolean indexedHeaders) throws Exception {
        ComposedMimeMessage m = new ComposedMimeMessage(SESSION, false, new UniqueMessageId(SESSION), indexedHeaders);
        m.setHeader("From", "shop@sender.test");
        m.setHeader("To", "customer@receiver.test");
        m.setHeader("Subject", "headers");
        m.setHeader("Date", "Tue, 1 Dec 2026 18:00:00 +0000 (UTC)");
        m.setHeader("X-Order", "4711");
        m.setComposedText(text, StandardCharsets.UTF_8, subtype);
        change.apply(m);
        return m;
    }

    private static List<String> headersWithoutId(ComposedMimeMessage m) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Collections.list(m.getAllHeaderLines())) {
            lines.add(withoutId(line));
        }
        return lines;
    }

    private static String written(ComposedMimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writtenByJakartaMail(out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String withoutId(String text) {
        return text.replaceAll("Message-ID: <[^>]*>", "Message-ID: <id>");
    }
}
