package io.mailroom.api;

/**
 * Checks shared by the value types: a header value must not smuggle in a new header line, nor
 * carry a NUL or another control (TAB excepted). What is left is encoded by the adapter.
 */
final class HeaderValues {
    private HeaderValues() {
    }

    static String requireSingleLine(String field, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new InvalidEmailException(field,
                    ApiMessages.notSingleLine(field));
        }
        if (value != null && hasControl(value)) {
            throw new InvalidEmailException(field, ApiMessages.control(field));
        }
        return value;
    }

    /** A loop, not {@code chars().anyMatch}: this runs for every field of every message built. */
    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidEmailException(field, ApiMessages.empty(field));
        }
        // Checked before stripping: a trailing CR or LF is refused, not silently cut off.
        return requireSingleLine(field, value).strip();
    }
}
