package io.mailroom.adapter.wire;

/** The user-facing messages of the wire checks, with their stable IDs (MAILROOM-82xx; 1020 for an address that does not parse). */
public final class WireMessages {
    private WireMessages() {
    }

    static String invalidAddress(String field, String address, String reason) {
        return "MAILROOM-1020 " + field + " address '" + address + "' is not a valid RFC 5322 address: " + reason;
    }

    static String control(String field, int codePoint) {
        return String.format("MAILROOM-8201 %s contains the control character U+%04X; "
                + "CR, LF, NUL and other controls are refused in addresses and header values", field, codePoint);
    }

    static String notOneAddress(String field, int count) {
        return "MAILROOM-8202 " + field + " holds " + count + " addresses; give each address as its own string";
    }

    static String group(String field) {
        return "MAILROOM-8203 " + field + " is a group (name: addresses;); give each address as its own string";
    }

    /**
     * @param field the field holding the address
     * @param server host:port of the SMTP server
     * @return why a non-ASCII address cannot go to that server
     */
    public static String needsSmtpUtf8(String field, String server) {
        return "MAILROOM-8204 " + field + " has a non-ASCII address, which needs SMTPUTF8 (RFC 6531), and the SMTP server "
                + server + " does not offer SMTPUTF8";
    }

    static String badUnicode(String field) {
        return "MAILROOM-8205 " + field + " contains an unpaired surrogate, which is not Unicode text";
    }

    static String commandRefused(String command) {
        return "MAILROOM-8206 refusing to send an SMTP command with a control or an unannounced non-ASCII character: "
                + command.codePoints().limit(40).map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
    }

    static String notToken(String field, String value) {
        return "MAILROOM-8207 " + field + " '" + value + "' must be printable ASCII without spaces, '<' or '>'";
    }

    static String badContentType(String field, String value, String reason) {
        return "MAILROOM-8208 " + field + " '" + value + "' is not a MIME type: " + reason;
    }
}
