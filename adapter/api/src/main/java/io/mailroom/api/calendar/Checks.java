package io.mailroom.api.calendar;

/** Input checks shared by the calendar value types. */
final class Checks {
    private Checks() {
    }

    /** Address syntax is checked by the adapter when the message is composed. */
    static String address(String field, String address) {
        return line(field, text(field, address));
    }

    static String displayName(String field, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.chars().anyMatch(c -> c == '"' || Character.isISOControl(c))) {
            throw Messages.invalid(field, Messages.badName(field));
        }
        return name.strip();
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Messages.invalid(field, Messages.empty(field));
        }
        return value.strip();
    }

    static String line(String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw Messages.invalid(field, Messages.multiLine(field));
        }
        return value;
    }
}
