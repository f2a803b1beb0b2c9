package io.mailroom.adapter.mime.calendar;

import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.calendar.Attendee;
import io.mailroom.api.calendar.CalendarMethod;
import io.mailroom.api.calendar.Invitation;
import io.mailroom.api.calendar.Organizer;
import io.mailroom.api.calendar.Recurrence;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Action;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import net.fortuna.ical4j.validate.ValidationException;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * Writes an {@link Invitation} as an iCalendar object (RFC 5545) with its iTIP method (RFC 5546),
 * built and validated by ical4j: one VEVENT, the VTIMEZONE of each region its start and end use,
 * and one VALARM per reminder. The text is escaped and folded by ical4j.
 */
final class ICalendarWriter {
    private static final String PRODUCT_ID = "-//Mailroom//Mailroom meeting requests//EN";

    private ICalendarWriter() {
    }

    /**
     * @param invitation the event
     * @param fallbackSummary the title when the invitation has none (the e-mail's subject), or {@code null}
     * @return the iCalendar text, lines ending in CRLF
     */
    static String write(Invitation invitation, String fallbackSummary) {
        String summary = invitation.summary() != null ? invitation.summary() : fallbackSummary;
        VEvent event = new VEvent(temporal(invitation.start()), temporal(invitation.end()),
                summary == null ? "" : summary);
        event.add(new Uid(invitation.uid()));
        event.replace(new DtStamp(Instant.now()));
        event.add(new Sequence(invitation.sequence()));
        event.add(new Status(invitation.method() == CalendarMethod.CANCEL ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        if (invitation.organizer() != null) {
            event.add(organizer(invitation.organizer()));
        }
        for (Attendee attendee : invitation.attendees()) {
            event.add(attendee(attendee));
        }
        if (invitation.location() != null) {
            event.add(new Location(invitation.location()));
        }
        if (invitation.description() != null) {
            event.add(new Description(invitation.description()));
        }
        if (invitation.recurrence() != null) {
            event.add(new RRule<>(recur(invitation.recurrence(), invitation.start().getZone())));
        }
        if (invitation.method() != CalendarMethod.CANCEL) { // RFC 5546 3.2.5: a CANCEL has no VALARM
            for (Duration before : invitation.reminders()) {
                event.add(reminder(before, summary));
            }
        }

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new Method(invitation.method().name()));
        for (ZonedDateTime time : regions(invitation)) {
            calendar.add(TimeZones.definition("invitation.start", time));
        }
        calendar.add(event);
        requireValid(calendar);
        // The outputter folds lines longer than 73 characters (Calendar.toString() does not).
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A region is written with its TZID; UTC and fixed offsets as UTC date-times. */
    private static Temporal temporal(ZonedDateTime time) {
        return isRegion(time.getZone()) ? time : time.toInstant();
    }

    private static boolean isRegion(ZoneId zone) {
        return !(zone.normalized() instanceof ZoneOffset);
    }

    /** The start, and the end if it is in another region: one VTIMEZONE per region. */
    private static List<ZonedDateTime> regions(Invitation invitation) {
        List<ZonedDateTime> times = new ArrayList<>();
        for (ZonedDateTime time : List.of(invitation.start(), invitation.end())) {
            if (isRegion(time.getZone()) && times.stream().noneMatch(t -> t.getZone().equals(time.getZone()))) {
                times.add(time);
            }
        }
        return times;
    }

    private static Property organizer(Organizer organizer) {
        return named(new net.fortuna.ical4j.model.property.Organizer(mailto("invitation.organizer", organizer.address())),
                organizer.name());
    }

    private static Property attendee(Attendee attendee) {
        Property property = named(new net.fortuna.ical4j.model.property.Attendee(
                mailto("invitation.attendee", attendee.address())), attendee.name());
        property.add(CuType.INDIVIDUAL);
        property.add(switch (attendee.role()) {
            case CHAIR -> Role.CHAIR;
            case REQUIRED -> Role.REQ_PARTICIPANT;
            case OPTIONAL -> Role.OPT_PARTICIPANT;
            case NON_PARTICIPANT -> Role.NON_PARTICIPANT;
        });
        property.add(PartStat.NEEDS_ACTION);
        property.add(attendee.rsvp() ? Rsvp.TRUE : Rsvp.FALSE);
        return property;
    }

    private static Property named(Property property, String name) {
        if (name != null) {
            property.add(new Cn(name));
        }
        return property;
    }

    /** A {@code mailto:} URI of a strictly parsed address; the display name goes in CN. */
    private static URI mailto(String field, String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return URI.create("mailto:" + address.getAddress());
        } catch (AddressException | IllegalArgumentException e) {
            throw new InvalidEmailException(field, Messages.invalidAddress(field, value, e.getMessage()), e);
        }
    }

    /** UNTIL is the end of the last day in the event's zone, written in UTC as RFC 5545 requires with a TZID. */
    private static Recur<Instant> recur(Recurrence recurrence, ZoneId zone) {
        Recur.Builder<Instant> builder = new Recur.Builder<Instant>()
                .frequency(Frequency.valueOf(recurrence.frequency().name()));
        if (recurrence.interval() > 1) {
            builder.interval(recurrence.interval());
        }
        if (recurrence.count() != null) {
            builder.count(recurrence.count());
        }
        if (recurrence.until() != null) {
            builder.until(recurrence.until().atTime(LocalTime.MAX.withNano(0)).atZone(zone).toInstant());
        }
        if (!recurrence.days().isEmpty()) {
            builder.dayList(recurrence.days().stream().map(WeekDay::getWeekDay).toArray(WeekDay[]::new));
        }
        return builder.build();
    }

    private static VAlarm reminder(Duration before, String summary) {
        VAlarm alarm = new VAlarm(before.negated());
        alarm.add(new Action(Action.VALUE_DISPLAY));
        alarm.add(new Description(summary == null || summary.isBlank() ? "Reminder" : summary));
        return alarm;
    }

    private static void requireValid(Calendar calendar) {
        ValidationResult result;
        try {
            result = calendar.validate();
        } catch (ValidationException e) {
            throw new InvalidEmailException("invitation", Messages.invalidCalendar(e.getMessage()), e);
        }
        if (result.hasErrors()) {
            String errors = result.getEntries().stream().map(Object::toString).collect(Collectors.joining("; "));
            throw new InvalidEmailException("invitation", Messages.invalidCalendar(errors));
        }
    }
}
