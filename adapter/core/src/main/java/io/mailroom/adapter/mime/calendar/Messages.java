package io.mailroom.adapter.mime.calendar;

/** The messages of meeting-request composition: MAILROOM-1350 to MAILROOM-1369. */
final class Messages {
    private Messages() {
    }

    static String invalidAddress(String field, String value, String reason) {
        return "MAILROOM-1350 " + field + " '" + value + "' is not a valid address: " + reason;
    }

    static String unknownZone(String zone) {
        return "MAILROOM-1351 time zone " + zone + " has no iCalendar definition (VTIMEZONE) in ical4j;"
                + " use a region such as Europe/Berlin, UTC, or a fixed offset";
    }

    static String invalidCalendar(String errors) {
        return "MAILROOM-1352 the iCalendar object is not valid: " + errors;
    }

    static String zoneNotLoaded(String zone, String reason) {
        return "MAILROOM-1353 the VTIMEZONE of " + zone + " could not be loaded: " + reason;
    }
}
