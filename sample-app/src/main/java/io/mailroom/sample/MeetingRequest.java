package io.mailroom.sample;

/**
 * The meeting form: an invitation to one attendee.
 *
 * @param to the attendee's address
 * @param name the attendee's display name
 * @param title the meeting's title
 * @param start local start time, ISO-8601 ({@code 2027-03-22T10:00})
 * @param zone the time zone, for example {@code Europe/Berlin}
 * @param minutes how long
 * @param weeks how many weekly occurrences (1 = a single meeting)
 */
public record MeetingRequest(String to, String name, String title, String start, String zone, int minutes, int weeks) {
}
