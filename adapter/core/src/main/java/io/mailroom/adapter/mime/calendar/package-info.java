/**
 * Meeting requests: an {@link io.mailroom.api.calendar.Invitation} written as an iCalendar object
 * with ical4j ({@code ICalendarWriter}: VEVENT, VTIMEZONE, VALARM, RRULE, validated against RFC
 * 5545 and the iTIP method's rules before anything is sent) and wrapped in the MIME parts calendar
 * clients look for ({@link io.mailroom.adapter.mime.calendar.InvitationParts}). The composer calls
 * this package when an {@link io.mailroom.api.Email} carries an invitation; nothing else does.
 */
package io.mailroom.adapter.mime.calendar;
