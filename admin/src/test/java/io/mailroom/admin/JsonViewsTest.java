package io.mailroom.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.OutboxAdmin;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's JSON fields, and the CSRF token comparison. */
class JsonViewsTest {

    @Test
    void aDeferredEntryCarriesItsStateAttemptsAndLastReasonAndNullsStayNull() {
        OutboxAdmin.Entry entry = new OutboxAdmin.Entry(7, "<m@x>", null, List.of("a@example.org"), OutboxAdmin.State.DEFERRED,
                Instant.parse("2026-01-01T10:00:00Z"), 2, Instant.parse("2026-01-01T10:05:00Z"), "451 4.3.0 busy", null);
        JsonObject json = JsonViews.entry(entry);
        assertEquals("DEFERRED", json.getString("state"));
        assertEquals(2, json.getInt("attempts"));
        assertEquals("451 4.3.0 busy", json.getString("lastReason"));
        assertEquals("2026-01-01T10:05:00Z", json.getString("nextAttempt"));
        assertTrue(json.isNull("mailFrom") && json.isNull("transactionBranch"));
        assertEquals("a@example.org", json.getJsonArray("recipients").getString(0));
    }

    @Test
    void aDeadLetterCarriesItsIdAndReason() {
        JsonObject json = JsonViews.deadLetter(new OutboxAdmin.DeadLetter(9, "<d@x>", "s@example.com", List.of("b@example.org"),
                "550 5.1.1 no such user", Instant.parse("2026-01-01T11:00:00Z")));
        assertEquals(9, json.getInt("id"));
        assertEquals("550 5.1.1 no such user", json.getString("reason"));
    }

    @Test
    void theTokenMustMatchExactly() {
        assertTrue(CsrfFilter.matches("abc", "abc"));
        assertFalse(CsrfFilter.matches("abc", "abd"));
        assertFalse(CsrfFilter.matches("abc", "ab"));
        assertFalse(CsrfFilter.matches("abc", null));
    }
}
