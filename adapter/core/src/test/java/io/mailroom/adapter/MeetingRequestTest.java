package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.FROM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.calendar.Attendee;
import io.mailroom.api.calendar.CalendarMethod;
import io.mailroom.api.calendar.Invitation;
import io.mailroom.api.calendar.Organizer;
import io.mailroom.api.calendar.Recurrence;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Meeting requests sent through the pool to GreenMail, read back by Angus (the MIME shape) and by
 * Python's {@code email} and {@code icalendar} (the calendar), which nobody here wrote.
 */
class MeetingRequestTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZonedDateTime START = ZonedDateTime.of(2027, 3, 22, 10, 0, 0, 0, BERLIN);
    private static final String JUERGEN = "juergen@receiver.test";
    private static final String TARO = "taro@receiver.test";

    private TestMailroom mailroom;

    @BeforeEach
    void start() throws Exception {
        mailroom = TestMailroom.on(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stop() {
        mailroom.close();
    }

    private static Invitation.Builder review() {
        return Invitation.request()
                .uid("review-42@sender.test")
                .organizer(new Organizer(FROM, "Anna Organizer"))
                .attendee(Attendee.required(JUERGEN, "Jürgen Müller"))
                .attendee(Attendee.optional(TARO, "山田 太郎").withRsvp(false))
                .start(START).end(START.plusHours(1))
                .summary("Design review").location("Room 4, Berlin")
                .description("Agenda:\n1. Outbox\n2. Calendar; \"quotes\", commas")
                .reminder(Duration.ofMinutes(15));
    }

    private static Email invitationEmail(Invitation invitation) {
        return Email.builder().from(FROM).to(JUERGEN).cc(TARO).subject("Invitation: Design review")
                .text("Please come.").html("<p>Please <b>come</b>.</p>").invitation(invitation).build();
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertTrue(received.length >= 1, "no message arrived");
        return received[0];
    }

    @Test
    void aRequestArrivesInTheShapeCalendarClientsRecognise() throws Exception {
        mailroom.send(invitationEmail(review().build()));

        MimeMessage received = onlyMessage();
        MimeMultipart mixed = (MimeMultipart) received.getContent();
        assertTrue(received.isMimeType("multipart/mixed"), received.getContentType());
        assertEquals(2, mixed.getCount());
        BodyPart alternativePart = mixed.getBodyPart(0);
        assertTrue(alternativePart.isMimeType("multipart/alternative"), alternativePart.getContentType());
        MimeMultipart alternative = (MimeMultipart) alternativePart.getContent();
        assertEquals(3, alternative.getCount());
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        ContentType calendar = new ContentType(alternative.getBodyPart(2).getContentType());
        assertEquals("text/calendar", calendar.getBaseType());
        assertEquals("REQUEST", calendar.getParameter("method"));
        assertEquals("UTF-8", calendar.getParameter("charset"));
        BodyPart ics = mixed.getBodyPart(1);
        assertTrue(ics.isMimeType("application/ics"), ics.getContentType());
        assertEquals("invite.ics", ics.getFileName());
        assertEquals(Part.ATTACHMENT, ics.getDisposition());
        assertEquals(text(alternative.getBodyPart(2)), text(ics));
        for (String line : text(ics).split("\r\n")) {
            assertTrue(line.length() <= 75, "an unfolded line: " + line);
        }
    }

    @Test
    void pythonReadsTheRequestWithOrganizerAttendeesAndReminder() throws Exception {
        mailroom.send(invitationEmail(review().build()));

        PythonMessageReader python = PythonMessageReader.read(onlyMessage());
        assertEquals(List.of("multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                "text/calendar", "application/ics"), python.all("part"), python.toString());
        assertEquals("REQUEST", python.one("part.method"));
        assertEquals("utf-8", python.one("part.charset"));
        assertEquals("True", python.one("attachment.same"));
        assertEquals("attachment", python.one("attachment.disposition"));
        assertEquals("REQUEST", python.one("method"));
        assertEquals("2.0", python.one("version"));
        assertEquals("review-42@sender.test", python.one("uid"));
        assertEquals("0", python.one("sequence"));
        assertEquals("CONFIRMED", python.one("status"));
        assertEquals("Design review", python.one("summary"));
        assertEquals("Room 4, Berlin", python.one("location"));
        assertEquals("Agenda:\\n1. Outbox\\n2. Calendar; \"quotes\", commas", python.one("description"));
        assertEquals("mailto:" + FROM + " CN=Anna Organizer", python.one("organizer"));
        assertEquals(List.of(
                "mailto:" + JUERGEN + " CN=Jürgen Müller ROLE=REQ-PARTICIPANT RSVP=TRUE PARTSTAT=NEEDS-ACTION",
                "mailto:" + TARO + " CN=山田 太郎 ROLE=OPT-PARTICIPANT RSVP=FALSE PARTSTAT=NEEDS-ACTION"),
                python.all("attendee"));
        assertEquals("DISPLAY -1 day, 23:45:00", python.one("alarm"));
        assertEquals("Europe/Berlin", python.one("dtstart.tzid"));
        assertEquals("2027-03-22T10:00:00+01:00", python.one("dtstart"));
        assertEquals("2027-03-22T11:00:00+01:00", python.one("dtend"));
    }

    @Test
    void anUpdateKeepsTheUidAndCarriesSequenceOne() throws Exception {
        Invitation first = review().build();
        Invitation moved = first.toBuilder().sequence(1).start(START.plusDays(1)).end(START.plusDays(1).plusHours(2)).build();
        mailroom.send(invitationEmail(moved));

        PythonMessageReader python = PythonMessageReader.read(onlyMessage());
        assertEquals("REQUEST", python.one("method"));
        assertEquals(first.uid(), python.one("uid"));
        assertEquals("1", python.one("sequence"));
        assertEquals("2027-03-23T10:00:00+01:00", python.one("dtstart"));
        assertEquals("2027-03-23T12:00:00+01:00", python.one("dtend"));
    }

    @Test
    void aCancellationSaysCancelInTheCalendarAndTheContentType() throws Exception {
        Invitation cancelled = review().build().toBuilder().method(CalendarMethod.CANCEL).sequence(2).build();
        mailroom.send(invitationEmail(cancelled));

        PythonMessageReader python = PythonMessageReader.read(onlyMessage());
        assertEquals("CANCEL", python.one("part.method"));
        assertEquals("CANCEL", python.one("method"));
        assertEquals("CANCELLED", python.one("status"));
        assertEquals(List.of(), python.all("alarm"));
        assertEquals("2", python.one("sequence"));
        assertEquals("review-42@sender.test", python.one("uid"));
    }

    @Test
    void aPublishedEventInUtcNeedsNoAttendeesAndAMessageWithoutBodyGetsAText() throws Exception {
        ZonedDateTime utc = ZonedDateTime.of(2027, 6, 1, 8, 0, 0, 0, ZoneId.of("UTC"));
        Invitation published = Invitation.publish().uid("launch@sender.test").organizer(new Organizer(FROM, null))
                .start(utc).end(utc.plusMinutes(30)).summary("Launch").build();
        mailroom.send(Email.builder().from(FROM).to(JUERGEN).subject("Launch").invitation(published).build());

        MimeMessage received = onlyMessage();
        MimeMultipart alternative = (MimeMultipart) ((MimeMultipart) received.getContent()).getBodyPart(0).getContent();
        assertTrue(((String) alternative.getBodyPart(0).getContent()).startsWith("Launch\r\n"));
        PythonMessageReader python = PythonMessageReader.read(received);
        assertEquals(List.of("multipart/mixed", "multipart/alternative", "text/plain", "text/calendar",
                "application/ics"), python.all("part"));
        assertEquals("PUBLISH", python.one("part.method"));
        assertEquals("PUBLISH", python.one("method"));
        assertEquals("2027-06-01T08:00:00+00:00", python.one("dtstart"));
        assertEquals(List.of(), python.all("vtimezone"));
        assertEquals(List.of(), python.all("attendee"));
    }

    @Test
    void aWeeklyMeetingInBerlinKeepsTenOClockAcrossTheChangeToSummerTime() throws Exception {
        Invitation weekly = review().recurrence(Recurrence.weekly().on(DayOfWeek.MONDAY).times(4)).build();
        mailroom.send(invitationEmail(weekly));

        PythonMessageReader python = PythonMessageReader.read(onlyMessage());
        assertEquals("Europe/Berlin", python.one("vtimezone"));
        assertEquals("DAYLIGHT STANDARD", python.one("vtimezone.observances"), "only the rules in force since 1996");
        assertEquals("FREQ=WEEKLY;COUNT=4;BYDAY=MO", python.one("rrule"));
        // 28 March 2027 is the change to CEST; the offsets come from the VTIMEZONE Mailroom wrote.
        assertEquals(List.of("2027-03-22T10:00:00+01:00", "2027-03-29T10:00:00+02:00",
                "2027-04-05T10:00:00+02:00", "2027-04-12T10:00:00+02:00"), python.all("occurrence"));
    }

    @Test
    void aZoneWithoutDaylightSavingTimeKeepsTheRuleInForce() throws Exception {
        ZonedDateTime tokyo = ZonedDateTime.of(2027, 7, 1, 9, 30, 0, 0, ZoneId.of("Asia/Tokyo"));
        mailroom.send(invitationEmail(review().start(tokyo).end(tokyo.plusMinutes(45)).build()));

        PythonMessageReader python = PythonMessageReader.read(onlyMessage());
        assertEquals("Asia/Tokyo", python.one("vtimezone"));
        assertEquals("STANDARD", python.one("vtimezone.observances"));
        assertEquals("2027-07-01T09:30:00+09:00", python.one("dtstart"));
    }

    @Test
    void aSeriesUntilADayEndsOnThatDay() throws Exception {
        Invitation daily = review().recurrence(Recurrence.daily().every(2).until(START.toLocalDate().plusDays(4))).build();
        mailroom.send(invitationEmail(daily));

        PythonMessageReader python = PythonMessageReader.read(onlyMessage());
        assertEquals("FREQ=DAILY;UNTIL=20270326T225959Z;INTERVAL=2", python.one("rrule"));
        assertEquals(List.of("2027-03-22T10:00:00+01:00", "2027-03-24T10:00:00+01:00", "2027-03-26T10:00:00+01:00"),
                python.all("occurrence"));
    }

    @Test
    void anEnqueuedInvitationIsDeliveredFromTheOutboxUnchanged() throws Exception {
        mailroom.enqueue(invitationEmail(review().build()));

        assertTrue(greenMail.waitForIncomingEmail(30_000, 1), "the queued invitation did not arrive");
        PythonMessageReader python = PythonMessageReader.read(onlyMessage());
        assertEquals("REQUEST", python.one("method"));
        assertEquals(2, python.all("attendee").size());
    }

    @Test
    void aBadAttendeeAddressIsRefusedAtTheCallAndNothingIsSent() {
        Invitation bad = review().attendee(Attendee.required("not an address", "X")).build();

        InvalidEmailException e = assertThrows(InvalidEmailException.class, () -> mailroom.send(invitationEmail(bad)));
        assertEquals("invitation.attendee", e.field());
        assertTrue(e.getMessage().startsWith("MAILROOM-1350"), e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    private static String text(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
