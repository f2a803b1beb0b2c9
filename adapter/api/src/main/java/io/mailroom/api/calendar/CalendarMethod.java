package io.mailroom.api.calendar;

/** The iTIP method (RFC 5546) of an {@link Invitation}: what the recipient's calendar should do with it. */
public enum CalendarMethod {
    /** An invitation, or an update of one (same uid, higher sequence): attendees are asked to reply. */
    REQUEST,
    /** The event is cancelled (same uid as the request, higher sequence): calendars remove it. */
    CANCEL,
    /** An announcement with no replies expected, for example a public event added to a calendar. */
    PUBLISH
}
