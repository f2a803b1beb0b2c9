package io.mailroom.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.calendar.Attendee;
import io.mailroom.api.calendar.Invitation;
import io.mailroom.api.calendar.Organizer;
import io.mailroom.api.calendar.Recurrence;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad meeting requests fail at the call, naming the field. */
class InvitationValidationTest {
    private static final ZonedDateTime START = ZonedDateTime.of(2027, 1, 4, 9, 0, 0, 0, ZoneId.of("Europe/Berlin"));

    private static Invitation.Builder valid() {
        return Invitation.request().organizer(new Organizer("a@example.com", "A"))
                .attendee(Attendee.required("b@example.com", "B")).start(START).end(START.plusHours(1));
    }

    private static void refused(String field, String id, Executable call) {
        InvalidEmailException e = assertThrows(InvalidEmailException.class, call);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(id), e.getMessage());
    }

    @Test
    void anEndNotAfterTheStartIsRefused() {
        refused("invitation.end", "MAILROOM-1304", () -> valid().end(START).build());
    }

    @Test
    void aRequestWithoutAttendeesIsRefused() {
        refused("invitation.attendee", "MAILROOM-1303",
                () -> Invitation.request().organizer(new Organizer("a@example.com", null)).start(START).end(START.plusHours(1)).build());
    }

    @Test
    void anInvitationWithoutOrganizerIsRefused() {
        refused("invitation.organizer", "MAILROOM-1303",
                () -> Invitation.publish().start(START).end(START.plusHours(1)).build());
    }

    @Test
    void aDisplayNameWithADoubleQuoteIsRefused() {
        refused("invitation.attendee:b@example.com", "MAILROOM-1302", () -> Attendee.required("b@example.com", "B \"the boss\""));
    }

    @Test
    void aRecurrenceWithCountAndUntilIsRefused() {
        refused("invitation.recurrence", "MAILROOM-1309",
                () -> new Recurrence(Recurrence.Frequency.DAILY, 1, 3, LocalDate.of(2027, 2, 1), java.util.List.of()));
    }

    @Test
    void aNegativeSequenceAndAZeroReminderAreRefused() {
        refused("invitation.sequence", "MAILROOM-1305", () -> valid().sequence(-1));
        refused("invitation.reminder", "MAILROOM-1306", () -> valid().reminder(java.time.Duration.ZERO));
    }

    @Test
    void aUidWithALineBreakIsRefused() {
        refused("invitation.uid", "MAILROOM-1310", () -> valid().uid("a\r\nBEGIN:VEVENT"));
    }

    @Test
    void anInvitationCannotBeSentAsTnef() {
        refused("invitation", "MAILROOM-1311", () -> Email.builder().to("b@example.com").tnef(true)
                .invitation(valid().build()).build());
    }

    @Test
    void anUpdateBuiltFromTheRequestKeepsItsUid() {
        Invitation first = valid().build();
        Invitation update = first.toBuilder().sequence(1).build();
        assertEquals(first.uid(), update.uid());
        assertEquals(1, update.sequence());
        assertEquals(first.attendees(), update.attendees());
    }
}
