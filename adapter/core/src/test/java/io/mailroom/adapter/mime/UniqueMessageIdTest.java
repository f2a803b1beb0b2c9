package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link UniqueMessageId} makes the value Jakarta Mail's {@code saveChanges} makes: same shape, same
 * domain for the same session, never the same value twice.
 */
class UniqueMessageIdTest {
    /** Jakarta Mail's {@code <hash.counter.millis@domain>}. */
    private static final Pattern SHAPE = Pattern.compile("<(\\d+)\\.(\\d+)\\.(\\d+)(@[^>]+)>");

    static List<Properties> sessions() {
        Properties from = new Properties();
        from.setProperty("mail.from", "Shop <noreply@shop.example>");
        Properties userAndHost = new Properties();
        userAndHost.setProperty("mail.user", "mailer");
        userAndHost.setProperty("mail.host", "relay.example");
        return List.of(from, userAndHost, new Properties()); // the last one: the local host's name
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void theShapeAndDomainAreJakartaMails(Properties properties) throws Exception {
        Session session = Session.getInstance(properties);
        MimeMessage jakarta = new MimeMessage(session);
        jakarta.setText("x");
        jakarta.saveChanges();

        Matcher theirs = SHAPE.matcher(jakarta.getMessageID());
        Matcher ours = SHAPE.matcher(new UniqueMessageId(session).next());

        assertTrue(theirs.matches(), jakarta.getMessageID());
        assertTrue(ours.matches(), ours.toString());
        assertEquals(theirs.group(4), ours.group(4));
        assertTrue(Math.abs(Long.parseLong(ours.group(3)) - System.currentTimeMillis()) < 60_000, "the time in milliseconds");
    }

    @Test
    void noTwoAreTheSameAcrossThreads() throws Exception {
        UniqueMessageId ids = new UniqueMessageId(Session.getInstance(new Properties()));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        seen.add(ids.next());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(20_000, seen.size());
    }

    @Test
    void everyComposedMessageHasItsOwn() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.from", "noreply@shop.example");
        Session session = Session.getInstance(properties);
        MimeComposer composer = new MimeComposer(session, Session.getInstance(MimeComposer.withUtf8(properties)), null);
        Email email = Email.builder().from("shop@sender.test").to("customer@receiver.test").subject("ids").text("x").build();

        String first = composer.compose(email).message().getMessageID();
        String second = composer.compose(email).message().getMessageID();

        assertNotEquals(first, second);
        assertTrue(first.endsWith("@shop.example>"), first);
        assertTrue(SHAPE.matcher(second).matches(), second);
    }
}
