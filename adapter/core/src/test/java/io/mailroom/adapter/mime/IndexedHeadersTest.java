package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Header;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IndexedHeaders} holds the same lines in the same order as Jakarta Mail's own
 * {@link InternetHeaders} after the same operations, and answers every query the same: each case
 * runs on both and compares everything either can be asked.
 */
class IndexedHeadersTest {
    /** Names of every kind: placeholders in other spellings, repeated, reversed, custom, odd. */
    private static final String[] NAMES = {"Message-ID", "message-id", "Date", "From", "TO", "Cc", "Bcc", "Reply-To",
        "Subject", "MIME-Version", "Content-Type", "content-type", "Content-Transfer-Encoding", "Content-Disposition",
        "Received", "Return-Path", "X-Order", "x-order", "X-Priority", "Importance", "Content-Length", ":",
        "X-Grüße", "X-STRASSE", "Keywords"};

    private interface Ops {
        void apply(InternetHeaders h) throws Exception;
    }

    static List<Arguments> scripts() {
        return List.of(
                Arguments.of("empty: only placeholders", (Ops) h -> { }),
                Arguments.of("a composed message's headers", (Ops) h -> {
                    h.setHeader("From", "Shop <shop@sender.test>");
                    h.setHeader("To", "a@receiver.test, b@receiver.test");
                    h.setHeader("Cc", "c@receiver.test");
                    h.setHeader("Reply-To", "help@sender.test");
                    h.setHeader("Subject", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=");
                    h.setHeader("Date", "Tue, 1 Dec 2026 18:00:00 +0000 (UTC)");
                    h.setHeader("X-Priority", "1 (Highest)");
                    h.setHeader("Importance", "High");
                    h.setHeader("X-Order", "4711");
                    h.removeHeader("Content-Type");
                    h.removeHeader("Content-Transfer-Encoding");
                    h.setHeader("Content-Type", "text/plain; charset=UTF-8");
                    h.setHeader("Content-Transfer-Encoding", "7bit");
                    h.setHeader("MIME-Version", "1.0");
                    h.setHeader("Message-ID", "<1.2.3@host>");
                }),
                Arguments.of("set fills the placeholder in the caller's spelling", (Ops) h -> h.setHeader("message-ID", "<x@y>")),
                Arguments.of("set keeps the present line's name", (Ops) h -> {
                    h.setHeader("X-Order", "1");
                    h.setHeader("x-ORDER", "2");
                }),
                Arguments.of("set after add removes the later lines", (Ops) h -> {
                    h.addHeader("X-Tag", "a");
                    h.addHeader("X-Other", "o");
                    h.addHeader("x-tag", "b");
                    h.addHeader("X-Tag", "c");
                    h.setHeader("X-TAG", "only");
                }),
                Arguments.of("add beside a placeholder", (Ops) h -> {
                    h.addHeader("To", "a@x");
                    h.addHeader("To", "b@x");
                    h.setHeader("To", "c@x");
                }),
                Arguments.of("Received and Return-Path on top, newest first", (Ops) h -> {
                    h.addHeader("Received", "from a");
                    h.addHeader("Received", "from b");
                    h.addHeader("Return-Path", "<r@x>");
                    h.addHeader("received", "from c");
                    h.setHeader("Received", "only");
                    h.addHeader("Received", "again");
                }),
                Arguments.of("remove then set reuses the slot", (Ops) h -> {
                    h.setHeader("X-A", "1");
                    h.setHeader("X-B", "2");
                    h.removeHeader("x-a");
                    h.setHeader("X-A", "3");
                    h.removeHeader("Subject");
                    h.setHeader("Subject", "s");
                }),
                Arguments.of("null values", (Ops) h -> {
                    h.addHeader("X-Null", null);
                    h.addHeader("X-Null", "v");
                    h.setHeader("X-Other", null);
                }),
                Arguments.of("parsed lines with continuations", (Ops) h -> {
                    h.addHeaderLine("X-Long: one");
                    h.addHeaderLine("\ttwo");
                    h.addHeaderLine(" three");
                    h.addHeaderLine("");
                    h.addHeaderLine("NoColon");
                    h.addHeaderLine("  X-Spaced  :   value");
                    h.addHeaderLine("Subject:parsed");
                    h.setHeader("x-long", "set");
                }),
                Arguments.of("loaded from a stream, then changed", (Ops) h -> {
                    h.load(new ByteArrayInputStream(("Received: from a\r\n\tby b\r\nX-Order: 1\r\nSubject: s\r\n"
                            + "x-order: 2\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII)));
                    h.setHeader("X-ORDER", "3");
                    h.addHeader("Received", "from c");
                }),
                Arguments.of("the ':' marker itself", (Ops) h -> {
                    h.addHeader(":", "odd");
                    h.addHeader("X-After", "1");
                }),
                Arguments.of("non-ASCII and case-folded names", (Ops) h -> {
                    h.setHeader("X-Grüße", "1");
                    h.setHeader("X-GRÜSSE", "2");
                    h.setHeader("X-GRÜẞE", "3");
                    h.setHeader("X-Strasse", "4");
                    h.setHeader("X-STRASSE", "5");
                    h.setHeader("X-ǅ", "6");
                    h.setHeader("X-ǆ", "7");
                    h.setHeader("X-İ", "8");
                    h.setHeader("X-i", "9");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void sameAsJakartaMail(String name, Ops ops) throws Exception {
        InternetHeaders jakarta = new InternetHeaders();
        InternetHeaders indexed = IndexedHeaders.create();
        ops.apply(jakarta);
        ops.apply(indexed);
        assertSame(jakarta, indexed, extraNames(jakarta));
    }

    /** A long random mix of every operation over names that collide in every way. */
    @Test
    void sameAsJakartaMailAfterRandomOperations() {
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            InternetHeaders jakarta = new InternetHeaders();
            InternetHeaders indexed = IndexedHeaders.create();
            for (int i = 0; i < 200; i++) {
                String name = NAMES[random.nextInt(NAMES.length)];
                String value = "v" + i;
                switch (random.nextInt(5)) {
                    case 0 -> {
                        jakarta.setHeader(name, value);
                        indexed.setHeader(name, value);
                    }
                    case 1, 2 -> {
                        jakarta.addHeader(name, value);
                        indexed.addHeader(name, value);
                    }
                    case 3 -> {
                        jakarta.removeHeader(name);
                        indexed.removeHeader(name);
                    }
                    default -> {
                        String line = random.nextBoolean() ? name + ":" + value : "\t" + value;
                        jakarta.addHeaderLine(line);
                        indexed.addHeaderLine(line);
                    }
                }
                assertEquals(lines(jakarta.getAllHeaderLines()), lines(indexed.getAllHeaderLines()), "seed " + seed + " step " + i);
            }
            assertSame(jakarta, indexed, List.of(NAMES));
        }
    }

    private static void assertSame(InternetHeaders jakarta, InternetHeaders indexed, List<String> names) {
        assertEquals(lines(jakarta.getAllHeaderLines()), lines(indexed.getAllHeaderLines()));
        assertEquals(headers(jakarta.getAllHeaders()), headers(indexed.getAllHeaders()));
        String[][] selections = {null, {}, {"Bcc", "Content-Length"}, {"to", "X-ORDER", "Received"}};
        for (String[] selection : selections) {
            assertEquals(lines(jakarta.getMatchingHeaderLines(selection)), lines(indexed.getMatchingHeaderLines(selection)));
            assertEquals(lines(jakarta.getNonMatchingHeaderLines(selection)), lines(indexed.getNonMatchingHeaderLines(selection)));
            assertEquals(headers(jakarta.getMatchingHeaders(selection)), headers(indexed.getMatchingHeaders(selection)));
            assertEquals(headers(jakarta.getNonMatchingHeaders(selection)), headers(indexed.getNonMatchingHeaders(selection)));
        }
        for (String name : names) {
            assertArrayEquals(jakarta.getHeader(name), indexed.getHeader(name), name);
            assertEquals(jakarta.getHeader(name, ", "), indexed.getHeader(name, ", "), name);
            assertEquals(jakarta.getHeader(name, null), indexed.getHeader(name, null), name);
        }
    }

    /** Every name either holds, in several spellings, plus the fixed pool. */
    private static List<String> extraNames(InternetHeaders h) {
        List<String> names = new ArrayList<>(List.of(NAMES));
        for (Header header : Collections.list(h.getAllHeaders())) {
            names.add(header.getName());
            names.add(header.getName().toUpperCase());
            names.add(header.getName().toLowerCase());
        }
        names.addAll(List.of("X-Null", "X-Tag", "X-A", "X-Long", "NoColon", "X-Spaced", "X-ǅ", "X-Ǆ", "X-ı", "X-I"));
        return names;
    }

    private static List<String> lines(java.util.Enumeration<String> lines) {
        return Collections.list(lines);
    }

    private static List<String> headers(java.util.Enumeration<Header> headers) {
        List<String> out = new ArrayList<>();
        for (Header h : Collections.list(headers)) {
            out.add(h.getName() + "=" + h.getValue());
        }
        return out;
    }
}
