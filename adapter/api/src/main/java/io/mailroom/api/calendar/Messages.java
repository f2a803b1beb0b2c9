package io.mailroom.api.calendar;

import io.mailroom.api.InvalidEmailException;

/** The messages of the calendar value types: MAILROOM-1301 to MAILROOM-1319. */
final class Messages {
    private Messages() {
    }

    static InvalidEmailException invalid(String field, String message) {
        return new InvalidEmailException(field, message);
    }

    static String empty(String field) {
        return "MAILROOM-1301 " + field + " is empty";
    }

    static String badName(String field) {
        return "MAILROOM-1302 " + field + " display name contains a double quote or a control character,"
                + " which an iCalendar parameter cannot carry";
    }

    static String missing(String field, CalendarMethod method) {
        return "MAILROOM-1303 " + field + " is required for METHOD:" + method;
    }

    static String endBeforeStart() {
        return "MAILROOM-1304 invitation.end must be after invitation.start";
    }

    static String negativeSequence(int sequence) {
        return "MAILROOM-1305 invitation.sequence must be 0 or more, not " + sequence;
    }

    static String badReminder() {
        return "MAILROOM-1306 invitation.reminder must be a positive duration before the start";
    }

    static String recurrenceInterval(int interval) {
        return "MAILROOM-1307 invitation.recurrence interval must be 1 or more, not " + interval;
    }

    static String recurrenceCount(int count) {
        return "MAILROOM-1308 invitation.recurrence count must be 1 or more, not " + count;
    }

    static String recurrenceCountAndUntil() {
        return "MAILROOM-1309 invitation.recurrence has both a count and an until day; RFC 5545 allows one";
    }

    static String multiLine(String field) {
        return "MAILROOM-1310 " + field + " contains CR or LF; it must be a single line";
    }
}
