package io.mailroom.it.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.it.AdminApi;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * An operator at the outbox admin the guide deployed, over HTTP as the README's {@code curl} lines
 * do: the API refuses a caller without credentials ({@code 401}) and answers the guide's user with
 * JSON; the session issues a CSRF token; with delivery paused, the guide application's committed
 * order waits in the outbox (found by its {@code Subject} in the stored headers) and leaves once
 * delivery resumes.
 */
final class GuideOperator {
    private static final String RECIPIENT = "customer@example.com";
    private static final Duration LIMIT = Duration.ofMinutes(1);

    private final String base;

    /** @param base the server's {@code http://host:port} */
    GuideOperator(String base) {
        this.base = base;
    }

    /** Waits (bounded) until {@code GET api/outbox} answers the guide's user with 200 and {@code paused:false}. */
    void awaitOutbox(String label) throws Exception {
        AdminApi ops = new AdminApi(base, AdminGuide.USER, AdminGuide.PASSWORD);
        long deadline = System.nanoTime() + LIMIT.toNanos();
        HttpResponse<String> outbox;
        while (true) {
            try {
                outbox = ops.get("api/outbox");
                if (outbox.statusCode() != 404 && outbox.statusCode() != 503) {
                    break;
                }
            } catch (java.io.IOException notYet) {
                outbox = null;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(label + ": the outbox admin did not answer within " + LIMIT
                        + (outbox == null ? "" : ": " + outbox.statusCode() + " " + outbox.body()));
            }
            Thread.sleep(250);
        }
        assertEquals(200, outbox.statusCode(), label + ": GET api/outbox as " + AdminGuide.USER + ": " + outbox.body());
        assertTrue(outbox.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                label + ": " + outbox.headers().map());
        assertFalse(AdminApi.json(outbox.body()).getBoolean("paused"), label + ": " + outbox.body());
    }

    /** The whole visit: 401, 200 JSON, the CSRF token, pause, the waiting order, resume. */
    void pauseFindResume(GuideShop shop, String appUrl, String label) throws Exception {
        awaitOutbox(label);
        HttpResponse<String> anonymous = new AdminApi(base, null, null).get("api/outbox");
        assertEquals(401, anonymous.statusCode(), label + ": GET api/outbox without credentials: " + anonymous.body());

        AdminApi ops = new AdminApi(base, AdminGuide.USER, AdminGuide.PASSWORD);
        HttpResponse<String> session = ops.get("api/session");
        assertEquals(200, session.statusCode(), label + ": GET api/session: " + session.body());
        JsonObject issued = AdminApi.json(session.body());
        assertEquals(AdminGuide.USER, issued.getString("user"), session.body());
        String token = issued.getString("csrfToken");
        assertFalse(token.isBlank(), session.body());

        assertEquals(JsonValue.TRUE, change(ops, "delivery/pause", token).get("paused"));
        String subject = label + " waits while paused";
        shop.placeCommitted(appUrl, subject);
        JsonObject outbox = ops.outbox();
        assertTrue(outbox.getBoolean("paused"), outbox.toString());
        Optional<JsonObject> waiting = outbox.getJsonArray("entries").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getJsonArray("recipients").getString(0).equals(RECIPIENT))
                .filter(e -> headers(ops, e.getJsonNumber("id").longValue()).contains("Subject: " + subject))
                .findFirst();
        assertTrue(waiting.isPresent(), label + ": the committed order is not in the outbox: " + outbox);
        assertFalse(shop.arrived(subject), label + ": sent while delivery was paused");

        assertEquals(JsonValue.FALSE, change(ops, "delivery/resume", token).get("paused"));
        shop.awaitSubject(subject);
        assertFalse(ops.outbox().getBoolean("paused"));
    }

    private static JsonObject change(AdminApi ops, String path, String token) throws Exception {
        HttpResponse<String> response = ops.change("POST", "api/" + path, token);
        assertEquals(200, response.statusCode(), "POST api/" + path + ": " + response.body());
        return AdminApi.json(response.body());
    }

    private static String headers(AdminApi ops, long id) {
        try {
            HttpResponse<String> response = ops.get("api/messages/" + id + "/headers");
            return response.statusCode() == 200 ? response.body() : "";
        } catch (Exception e) {
            throw new AssertionError("GET api/messages/" + id + "/headers: " + e, e);
        }
    }
}
