package io.mailroom.admin;

import io.mailroom.api.OutboxAdmin;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

/** The JSON the API answers with, built with JSON-P so both servers write the same fields. */
final class JsonViews {
    private JsonViews() {
    }

    static JsonObject outbox(boolean paused, List<OutboxAdmin.Entry> entries, List<OutboxAdmin.DeadLetter> dead) {
        JsonArrayBuilder waiting = Json.createArrayBuilder();
        entries.forEach(e -> waiting.add(entry(e)));
        JsonArrayBuilder letters = Json.createArrayBuilder();
        dead.forEach(d -> letters.add(deadLetter(d)));
        return Json.createObjectBuilder().add("paused", paused).add("entries", waiting).add("deadLetters", letters).build();
    }

    static JsonObject entry(OutboxAdmin.Entry e) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", e.id()).add("state", e.state().name());
        text(b, "messageId", e.messageId());
        text(b, "mailFrom", e.mailFrom());
        b.add("recipients", Json.createArrayBuilder(e.recipients()));
        time(b, "enqueuedAt", e.enqueuedAt());
        b.add("attempts", e.attempts());
        time(b, "nextAttempt", e.nextAttempt());
        text(b, "lastReason", e.lastReason());
        text(b, "transactionBranch", e.transactionBranch());
        return b.build();
    }

    static JsonObject deadLetter(OutboxAdmin.DeadLetter d) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("id", d.id());
        text(b, "messageId", d.messageId());
        text(b, "mailFrom", d.mailFrom());
        b.add("recipients", Json.createArrayBuilder(d.recipients()));
        text(b, "reason", d.reason());
        time(b, "deadAt", d.deadAt());
        return b.build();
    }

    private static void text(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static void time(JsonObjectBuilder b, String name, Instant value) {
        text(b, name, value == null ? null : value.toString());
    }
}
