/**
 * Meeting requests as typed values: an {@link io.mailroom.api.calendar.Invitation} with its
 * {@link io.mailroom.api.calendar.Organizer}, {@link io.mailroom.api.calendar.Attendee}s, time
 * zone, {@link io.mailroom.api.calendar.Recurrence} and reminders, attached to an {@link
 * io.mailroom.api.Email}. No iCalendar text and no iCalendar library type crosses this API: the
 * adapter writes the calendar with the ical4j it bundles.
 *
 * <p>Bad input fails at the call with an {@link io.mailroom.api.InvalidEmailException} whose
 * {@code field()} starts with {@code invitation.}: for example {@code invitation.end} for an end
 * before the start, {@code invitation.attendee} for a request without attendees. Attendee and
 * organizer addresses are checked strictly when the message is composed.
 */
package io.mailroom.api.calendar;
