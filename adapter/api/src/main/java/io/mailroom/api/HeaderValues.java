package io.mailroom.api;

/** Checks shared by the value types: a header value must not smuggle in a new header line. */
final class HeaderValues {
    private HeaderValues() {
    }

    static String requireSingleLine(String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new InvalidEmailException(field,
                    "MAILROOM-1001 " + field + " contains CR or LF; header values must be a single line");
        }
        return value;
    }

    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEmailException(field, "MAILROOM-1002 " + field + " is empty");
        }
        return requireSingleLine(field, value.strip());
    }
}
