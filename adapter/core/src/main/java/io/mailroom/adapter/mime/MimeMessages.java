package io.mailroom.adapter.mime;

/**
 * Messages about composing and reading messages, with their stable ids. The id ranges are listed once, in the
 * {@code io.mailroom.adapter} package documentation.
 */
public final class MimeMessages {
    private MimeMessages() {
    }

    static String headerNameTooLong(String name, int longest) {
        return "MAILROOM-1027 header name " + name.substring(0, 20) + "... is longer than " + longest + " characters";
    }

    static String notComposed(String reason) {
        return "MAILROOM-1023 the message could not be composed: " + reason;
    }

    static String streamedTwice() {
        return "MAILROOM-1025 a streamed message can be sent only once";
    }

    public static String attachmentUnreadable(String fileName, String reason) {
        return "MAILROOM-1026 attachment " + fileName + " cannot be read: " + reason;
    }

    static String noFrom() {
        return "MAILROOM-1021 the message has no From address and the connection factory has no defaultFrom";
    }

    public static String unreadableMessage(String reason) {
        return "MAILROOM-1022 the pre-composed message could not be read: " + reason;
    }
}
