package io.mailroom.it.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The guide application seen from outside: orders placed over HTTP, mail read from GreenMail. */
final class GuideShop {
    private static final Duration MAIL_LIMIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final GreenMail smtp;

    GuideShop(GreenMail smtp) {
        this.smtp = smtp;
    }

    /**
     * Places an order that fails after sending (its transaction rolls back), then one that commits,
     * and checks that only the committed one's mail arrives. The rolled-back mail never reached the
     * outbox, so by the time the later committed one arrived it would have been there too.
     */
    void committedArrivesRolledBackDoesNot(String appUrl, String label) throws Exception {
        String rolledBack = label + " rolled back";
        String committed = label + " committed";
        HttpResponse<String> failed = order(appUrl, rolledBack, true);
        assertEquals(409, failed.statusCode(), failed.body());
        HttpResponse<String> placed = order(appUrl, committed, false);
        assertEquals(200, placed.statusCode(), placed.body());
        awaitSubject(committed);
        assertEquals(0, subjects().stream().filter(rolledBack::equals).count(), "the rolled-back mail was sent: " + subjects());
    }

    /** Places one committed order and waits for its mail. */
    void committedArrives(String appUrl, String subject) throws Exception {
        placeCommitted(appUrl, subject);
        awaitSubject(subject);
    }

    /** Places one order that commits (its mail is then in the outbox, or already sent). */
    void placeCommitted(String appUrl, String subject) throws Exception {
        HttpResponse<String> placed = order(appUrl, subject, false);
        assertEquals(200, placed.statusCode(), placed.body());
    }

    /** @return whether a mail with this subject has arrived */
    boolean arrived(String subject) throws Exception {
        return subjects().contains(subject);
    }

    /** Waits (bounded) until the application answers (400 to an order without a subject). */
    void awaitAnswer(String appUrl, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(appUrl + "order")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 400) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(appUrl + " did not answer within " + limit);
            }
            Thread.sleep(250);
        }
    }

    private HttpResponse<String> order(String appUrl, String subject, boolean fail) throws Exception {
        URI uri = URI.create(appUrl + "order?subject=" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&fail=" + fail);
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded) for a mail with this subject. */
    void awaitSubject(String subject) throws Exception {
        long deadline = System.nanoTime() + MAIL_LIMIT.toNanos();
        while (!subjects().contains(subject)) {
            assertTrue(System.nanoTime() < deadline, "no mail '" + subject + "' within " + MAIL_LIMIT + "; arrived: " + subjects());
            smtp.waitForIncomingEmail(500, smtp.getReceivedMessages().length + 1);
        }
    }

    private List<String> subjects() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            subjects.add(m.getSubject());
        }
        return subjects;
    }
}
