package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox admin API on the real server (Liberty, then WildFly), over HTTP as an operator's
 * script would call it: {@code mailroom-admin.war} deployed next to the test WAR, administering
 * {@code mail/admin}, whose SMTP server is a scripted one in this JVM (451 and 550 on demand).
 * Users: {@code admin} has the {@code mailroom-admin} role, {@code viewer} has not (Liberty's
 * basicRegistry in the test server.xml; WildFly's ApplicationRealm properties files).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminIT {
    private static ScriptedSmtpServer smtp;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return ItDeployment.earWithAdmin(ItServer.jndiName("mail/admin"), AdminFixtureServlet.class);
    }

    @BeforeAll
    static void startSmtp() throws Exception {
        smtp = ScriptedSmtpServer.start(Integer.parseInt(System.getProperty("mailroom.it.admin.smtp.port")),
                Duration.ofSeconds(30)).offerSmtpUtf8();
        smtp.on(Step.RCPT).matching("busy-").reply(451, "4.2.1 mailbox busy, try later");
        smtp.on(Step.RCPT).matching("nobody-").reply(550, "5.1.1 no such user");
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void withoutCredentialsTheApiAnswers401() throws Exception {
        HttpResponse<String> response = new AdminApi(null, null).get("api/outbox");
        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void aUserWithoutTheAdminRoleGets403() throws Exception {
        HttpResponse<String> response = new AdminApi("viewer", "viewer-secret").get("api/outbox");
        assertEquals(403, response.statusCode(), response.body());
    }

    @Test
    void aStateChangeWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        AdminApi admin = AdminApi.admin();
        admin.csrfToken(); // the session has a token; the request does not send it
        try {
            HttpResponse<String> noToken = admin.change("POST", "api/delivery/pause", null);
            HttpResponse<String> wrongToken = admin.change("POST", "api/delivery/pause", "forged");
            HttpResponse<String> otherSession = AdminApi.admin().change("POST", "api/delivery/pause", admin.csrfToken());

            assertEquals(403, noToken.statusCode(), noToken.body());
            assertTrue(noToken.body().contains("MAILROOM-7902"), noToken.body());
            assertEquals(403, wrongToken.statusCode(), wrongToken.body());
            assertEquals(403, otherSession.statusCode(), otherSession.body());
            assertFalse(admin.outbox().getBoolean("paused"));
        } finally {
            // Should a refusal above fail, delivery must not stay paused for the other tests.
            admin.change("POST", "api/delivery/resume", admin.csrfToken());
        }
    }

    @Test
    void aGetNeverChangesState() throws Exception {
        HttpResponse<String> response = AdminApi.admin().get("api/delivery/pause");
        assertEquals(405, response.statusCode(), response.body());
        assertFalse(AdminApi.admin().outbox().getBoolean("paused"));
    }

    @Test
    void theListShowsADeferredMessageAndADeadLetterWithTheirReasonsAndARequeuedDeadLetterIsDelivered() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String busy = "busy-" + tag + "@example.org";
        String once = "once-" + tag + "@example.org";
        smtp.on(Step.RCPT).matching(once).reply(550, "5.1.1 no such user (today)").times(1);
        String deferredId = AdminApi.enqueue(busy, "Deferred " + tag);
        String deadId = AdminApi.enqueue(once, "Dead " + tag);
        AdminApi admin = AdminApi.admin();

        JsonObject deferred = awaitEntry(admin, "entries", deferredId, e -> e.getInt("attempts") > 0);
        assertEquals("DEFERRED", deferred.getString("state"));
        assertTrue(deferred.getString("lastReason").contains("4.2.1 mailbox busy"), deferred.toString());
        JsonObject dead = awaitEntry(admin, "deadLetters", deadId, e -> true);
        assertTrue(dead.getString("reason").contains("5.1.1 no such user (today)"), dead.toString());

        HttpResponse<String> headers = admin.get("api/messages/" + dead.getJsonNumber("id").longValue() + "/headers");
        assertEquals(200, headers.statusCode(), headers.body());
        assertTrue(headers.body().contains("Subject: Dead " + tag), headers.body());
        assertFalse(headers.body().contains("Outbox admin test message"), "the body is not shown: " + headers.body());

        HttpResponse<String> requeued = admin.change("POST", "api/dead-letters/" + dead.getJsonNumber("id") + "/requeue",
                admin.csrfToken());
        assertEquals(200, requeued.statusCode(), requeued.body());
        Await.until(() -> smtp.messages().stream().anyMatch(m -> m.recipients().contains(once)));
        assertTrue(find(admin.outbox(), "deadLetters", deadId).isEmpty(), "the dead letter is gone");
        HttpResponse<String> again = admin.change("POST", "api/dead-letters/" + dead.getJsonNumber("id") + "/requeue",
                admin.csrfToken());
        assertEquals(404, again.statusCode(), again.body());
    }

    /**
     * Jürgen Müller and 山田 太郎 through the whole admin path: an SMTPUTF8 recipient and a non-ASCII
     * subject and display names, refused once, listed as a dead letter with the address exactly as
     * given, its headers readable (RFC 2047, decoded here by Jakarta Mail), requeued and delivered.
     */
    @Test
    void nonAsciiAddressesAndHeadersComeThroughTheListTheHeadersAndARequeueIntact() throws Exception {
        String address = "jürgen.山田-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String subject = "Grüße an 山田 太郎";
        smtp.on(Step.RCPT).matching(ascii(address)).reply(550, "5.1.1 no such user (today)").times(1);
        String messageId = AdminApi.enqueue("Jürgen Müller <" + address + ">", subject);
        AdminApi admin = AdminApi.admin();

        JsonObject dead = awaitEntry(admin, "deadLetters", messageId, e -> true);
        assertEquals(List.of(address), dead.getJsonArray("recipients").getValuesAs(JsonString::getString), dead.toString());

        HttpResponse<String> headers = admin.get("api/messages/" + dead.getJsonNumber("id").longValue() + "/headers");
        assertEquals(200, headers.statusCode(), headers.body());
        InternetHeaders parsed = new InternetHeaders(new ByteArrayInputStream(
                (headers.body() + "\r\n").getBytes(StandardCharsets.UTF_8)), true);
        assertEquals(subject, MimeUtility.decodeText(MimeUtility.unfold(parsed.getHeader("Subject", null))), headers.body());
        InternetAddress to = InternetAddress.parseHeader(parsed.getHeader("To", ","), false)[0];
        assertEquals("Jürgen Müller", to.getPersonal(), headers.body());
        assertEquals(address, to.getAddress(), headers.body());

        HttpResponse<String> requeued = admin.change("POST", "api/dead-letters/" + dead.getJsonNumber("id") + "/requeue",
                admin.csrfToken());
        assertEquals(200, requeued.statusCode(), requeued.body());
        Await.until(() -> smtp.messages().stream().anyMatch(m -> m.recipients().contains(ascii(address))));
    }

    /** The scripted server records each byte as one ISO-8859-1 character. */
    private static String ascii(String utf8) {
        return new String(utf8.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aDeletedDeadLetterIsGoneAndNeverSent() throws Exception {
        String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String messageId = AdminApi.enqueue(nobody, "Delete me");
        AdminApi admin = AdminApi.admin();
        long id = awaitEntry(admin, "deadLetters", messageId, e -> true).getJsonNumber("id").longValue();

        HttpResponse<String> deleted = admin.change("DELETE", "api/dead-letters/" + id, admin.csrfToken());

        assertEquals(204, deleted.statusCode(), deleted.body());
        assertTrue(find(admin.outbox(), "deadLetters", messageId).isEmpty());
        assertEquals(404, admin.get("api/messages/" + id + "/headers").statusCode());
        assertTrue(smtp.messages().stream().noneMatch(m -> m.recipients().contains(nobody)));
    }

    @Test
    void pauseStopsDeliveryAndResumeRestartsIt() throws Exception {
        AdminApi admin = AdminApi.admin();
        String token = admin.csrfToken();
        String to = "paused-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        assertEquals(200, admin.change("POST", "api/delivery/pause", token).statusCode());
        try {
            assertTrue(admin.outbox().getBoolean("paused"));
            String messageId = AdminApi.enqueue(to, "While paused");
            Thread.sleep(3_000); // a worker would take it within milliseconds, the retry timer within a second
            assertTrue(smtp.messages().stream().noneMatch(m -> m.recipients().contains(to)), "sent while paused");
            assertEquals("QUEUED", find(admin.outbox(), "entries", messageId).orElseThrow().getString("state"));
        } finally {
            assertEquals(200, admin.change("POST", "api/delivery/resume", token).statusCode());
        }
        Await.until(() -> smtp.messages().stream().anyMatch(m -> m.recipients().contains(to)));
        assertFalse(admin.outbox().getBoolean("paused"));
    }

    /** Waits until the list holds the message with that Message-ID and the condition holds for it. */
    private static JsonObject awaitEntry(AdminApi admin, String list, String messageId,
                                         java.util.function.Predicate<JsonObject> condition) throws Exception {
        JsonObject[] found = new JsonObject[1];
        Await.until(() -> {
            try {
                found[0] = find(admin.outbox(), list, messageId).filter(condition).orElse(null);
                return found[0] != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return found[0];
    }

    private static Optional<JsonObject> find(JsonObject outbox, String list, String messageId) {
        return outbox.getJsonArray(list).stream().map(JsonValue::asJsonObject)
                .filter(e -> messageId.equals(e.getString("messageId", null))).findFirst();
    }
}
