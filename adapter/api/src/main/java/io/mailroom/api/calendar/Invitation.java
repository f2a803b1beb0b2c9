package io.mailroom.api.calendar;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A meeting request, update, cancellation or announcement, attached to an {@link
 * io.mailroom.api.Email} with {@link io.mailroom.api.Email.Builder#invitation(Invitation)}. The
 * adapter writes it as an iCalendar object (RFC 5545, with the iTIP method of RFC 5546) in the
 * MIME shape Outlook, Gmail and Apple Mail show as an invitation.
 *
 * <pre>{@code
 * Invitation meeting = Invitation.request()
 *         .uid("review-42@shop.example.com")
 *         .organizer(new Organizer("anna@shop.example.com", "Anna"))
 *         .attendee(Attendee.required("juergen@example.com", "Jürgen Müller"))
 *         .start(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneId.of("Europe/Berlin")))
 *         .end(ZonedDateTime.of(2026, 12, 7, 11, 0, 0, 0, ZoneId.of("Europe/Berlin")))
 *         .summary("Design review").location("Room 4").reminder(Duration.ofMinutes(15))
 *         .build();
 * // later: the same uid with a higher sequence updates it, or cancels it
 * Invitation moved = meeting.toBuilder().sequence(1).start(...).end(...).build();
 * Invitation cancelled = meeting.toBuilder().method(CalendarMethod.CANCEL).sequence(2).build();
 * }</pre>
 *
 * <p>Start and end keep their time zone: a region such as {@code Europe/Berlin} is written with
 * its {@code VTIMEZONE} definition so recurring events follow its daylight-saving rules; {@code
 * UTC} or a fixed offset is written in UTC. Immutable.
 */
public final class Invitation {
    private final CalendarMethod method;
    private final String uid;
    private final int sequence;
    private final Organizer organizer;
    private final List<Attendee> attendees;
    private final ZonedDateTime start;
    private final ZonedDateTime end;
    private final String summary;
    private final String location;
    private final String description;
    private final Recurrence recurrence;
    private final List<Duration> reminders;

    private Invitation(Builder b) {
        this.method = b.method;
        this.uid = b.uid != null ? b.uid : UUID.randomUUID() + "@mailroom";
        this.sequence = b.sequence;
        this.organizer = b.organizer;
        this.attendees = List.copyOf(b.attendees);
        this.start = b.start;
        this.end = b.end;
        this.summary = b.summary;
        this.location = b.location;
        this.description = b.description;
        this.recurrence = b.recurrence;
        this.reminders = List.copyOf(b.reminders);
    }

    /** @return a builder for a meeting request ({@code METHOD:REQUEST}) */
    public static Builder request() {
        return new Builder(CalendarMethod.REQUEST);
    }

    /** @return a builder for a cancellation ({@code METHOD:CANCEL}) */
    public static Builder cancel() {
        return new Builder(CalendarMethod.CANCEL);
    }

    /** @return a builder for an announcement ({@code METHOD:PUBLISH}) */
    public static Builder publish() {
        return new Builder(CalendarMethod.PUBLISH);
    }

    /** @return a builder holding every value of this invitation, to send an update or cancellation */
    public Builder toBuilder() {
        Builder b = new Builder(method);
        b.uid = uid;
        b.sequence = sequence;
        b.organizer = organizer;
        b.attendees.addAll(attendees);
        b.start = start;
        b.end = end;
        b.summary = summary;
        b.location = location;
        b.description = description;
        b.recurrence = recurrence;
        b.reminders.addAll(reminders);
        return b;
    }

    /** @return the iTIP method */
    public CalendarMethod method() {
        return method;
    }

    /** @return the event's unique id; updates and cancellations repeat it */
    public String uid() {
        return uid;
    }

    /** @return the revision: 0 for the first request, higher for each update or cancellation */
    public int sequence() {
        return sequence;
    }

    /** @return the organizer */
    public Organizer organizer() {
        return organizer;
    }

    /** @return the attendees, in the order added */
    public List<Attendee> attendees() {
        return attendees;
    }

    /** @return when the event starts, in its time zone */
    public ZonedDateTime start() {
        return start;
    }

    /** @return when the event ends */
    public ZonedDateTime end() {
        return end;
    }

    /** @return the title, or {@code null} to use the e-mail's subject */
    public String summary() {
        return summary;
    }

    /** @return where, or {@code null} */
    public String location() {
        return location;
    }

    /** @return the longer description, or {@code null} */
    public String description() {
        return description;
    }

    /** @return how the event repeats, or {@code null} for a single occurrence */
    public Recurrence recurrence() {
        return recurrence;
    }

    /** @return the reminders, each a duration before the start ({@code VALARM}) */
    public List<Duration> reminders() {
        return reminders;
    }

    /** Shows method, uid, sequence, start and counts; not the description. */
    @Override
    public String toString() {
        return "Invitation[" + method + ", uid=" + uid + ", sequence=" + sequence + ", start=" + start
                + ", attendees=" + attendees.size() + "]";
    }

    /** Builds an {@link Invitation}. Not thread-safe. */
    public static final class Builder {
        private CalendarMethod method;
        private String uid;
        private int sequence;
        private Organizer organizer;
        private final List<Attendee> attendees = new ArrayList<>();
        private ZonedDateTime start;
        private ZonedDateTime end;
        private String summary;
        private String location;
        private String description;
        private Recurrence recurrence;
        private final List<Duration> reminders = new ArrayList<>();

        private Builder(CalendarMethod method) {
            this.method = method;
        }

        /**
         * @param method the iTIP method
         * @return this builder
         */
        public Builder method(CalendarMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * @param uid a globally unique id, for example {@code order-42@shop.example.com}; without
         *            one a random id is generated (read it back with {@link Invitation#uid()} to
         *            send updates later)
         * @return this builder
         */
        public Builder uid(String uid) {
            this.uid = Checks.line("invitation.uid", Checks.text("invitation.uid", uid));
            return this;
        }

        /**
         * @param sequence the revision, 0 for the first request; raise it for every update or cancellation
         * @return this builder
         */
        public Builder sequence(int sequence) {
            if (sequence < 0) {
                throw Messages.invalid("invitation.sequence", Messages.negativeSequence(sequence));
            }
            this.sequence = sequence;
            return this;
        }

        /**
         * @param organizer the organizer; required (RFC 5546 asks for one with every method)
         * @return this builder
         */
        public Builder organizer(Organizer organizer) {
            this.organizer = Objects.requireNonNull(organizer, "organizer");
            return this;
        }

        /**
         * @param attendee an attendee; REQUEST and CANCEL need at least one
         * @return this builder
         */
        public Builder attendee(Attendee attendee) {
            attendees.add(Objects.requireNonNull(attendee, "attendee"));
            return this;
        }

        /**
         * @param start when the event starts, with its time zone
         * @return this builder
         */
        public Builder start(ZonedDateTime start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * @param end when the event ends; after the start
         * @return this builder
         */
        public Builder end(ZonedDateTime end) {
            this.end = Objects.requireNonNull(end, "end");
            return this;
        }

        /**
         * @param summary the title; without one the e-mail's subject is used
         * @return this builder
         */
        public Builder summary(String summary) {
            this.summary = Checks.line("invitation.summary", summary);
            return this;
        }

        /**
         * @param location where, on one line
         * @return this builder
         */
        public Builder location(String location) {
            this.location = Checks.line("invitation.location", location);
            return this;
        }

        /**
         * @param description a longer description; may span lines
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param recurrence how the event repeats
         * @return this builder
         */
        public Builder recurrence(Recurrence recurrence) {
            this.recurrence = Objects.requireNonNull(recurrence, "recurrence");
            return this;
        }

        /**
         * @param beforeStart how long before the start the calendar reminds the attendee
         * @return this builder
         */
        public Builder reminder(Duration beforeStart) {
            if (beforeStart == null || beforeStart.isNegative() || beforeStart.isZero()) {
                throw Messages.invalid("invitation.reminder", Messages.badReminder());
            }
            reminders.add(beforeStart);
            return this;
        }

        /**
         * @return the invitation
         * @throws io.mailroom.api.InvalidEmailException naming the field: no start or end, an end
         *         not after the start, no organizer, or no attendee for REQUEST and CANCEL
         */
        public Invitation build() {
            if (start == null) {
                throw Messages.invalid("invitation.start", Messages.missing("invitation.start", method));
            }
            if (end == null) {
                throw Messages.invalid("invitation.end", Messages.missing("invitation.end", method));
            }
            if (!end.toInstant().isAfter(start.toInstant())) {
                throw Messages.invalid("invitation.end", Messages.endBeforeStart());
            }
            if (organizer == null) {
                throw Messages.invalid("invitation.organizer", Messages.missing("invitation.organizer", method));
            }
            if (method != CalendarMethod.PUBLISH && attendees.isEmpty()) {
                throw Messages.invalid("invitation.attendee", Messages.missing("invitation.attendee", method));
            }
            return new Invitation(this);
        }
    }
}
