package io.mailroom.api;

/** Every message the API shows when it refuses input, with its stable id. */
final class ApiMessages {
    private ApiMessages() {
    }

    static String notSingleLine(String field) {
        return "MAILROOM-1001 " + field + " contains CR or LF; header values must be a single line";
    }

    static String control(String field) {
        return "MAILROOM-1007 " + field + " contains NUL or another control character; only TAB is allowed";
    }

    static String empty(String field) {
        return "MAILROOM-1002 " + field + " is empty";
    }

    static String noRecipient(String what) {
        return "MAILROOM-1003 the " + what + " has no recipient";
    }

    static String badHeaderName(String name) {
        return "MAILROOM-1004 header name '" + name + "' must be printable ASCII without ':' or spaces";
    }

    static String invitationAsTnef() {
        return "MAILROOM-1311 a meeting request cannot be sent as TNEF (tnef(true)): calendar clients read its"
                + " text/calendar part, which winmail.dat would hide";
    }

    static String reservedHeader(String name) {
        return "MAILROOM-1005 header " + name + " is written by Mailroom; use the builder's own method";
    }

    static String duplicateContentId() {
        return "MAILROOM-1006 two inline parts share a Content-ID";
    }

    static String attachmentUnreadable(String fileName, String reason) {
        return "MAILROOM-1010 attachment " + fileName + " could not be read: " + reason;
    }

    static String attachmentFileMissing(String path) {
        return "MAILROOM-1011 attachment file " + path + " does not exist or is not readable";
    }

    static String notACertificate(String address, String reason) {
        return "MAILROOM-8001 the certificate for " + address + " is not a PEM X.509 certificate: " + reason;
    }

    static String msgFileUnreadable(String path, String reason) {
        return "MAILROOM-1074 the Outlook .msg file " + path + " cannot be read: " + reason;
    }
}
