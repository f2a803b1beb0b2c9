package io.mailroom.api;

/** Checks shared by the value types: a header value must not smuggle in a new header line. */
final class HeaderValues {
    private HeaderValues() {
    }

    static String requireSingleLine(String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new InvalidEmailException(field,
                    ApiMessages.notSingleLine(field));
        }
        return value;
    }

    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEmailException(field, ApiMessages.empty(field));
        }
        return requireSingleLine(field, value.strip());
    }
}
