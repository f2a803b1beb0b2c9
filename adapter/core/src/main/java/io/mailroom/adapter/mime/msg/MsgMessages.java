package io.mailroom.adapter.mime.msg;

/**
 * The user-facing messages of {@code sendMsg}, ids MAILROOM-1070 to 1079 (bad input; 1074, a file
 * that cannot be opened, is in the API's {@code ApiMessages}).
 */
final class MsgMessages {
    private MsgMessages() {
    }

    static String unreadable(String reason) {
        return "MAILROOM-1070 the Outlook .msg could not be read: " + reason;
    }

    static String noRecipient() {
        return "MAILROOM-1071 the Outlook .msg has no recipient with an SMTP address and no envelope was given:"
                + " pass an Envelope with the recipients";
    }

    static String recipientWithoutSmtpAddress(String name, String address) {
        return "MAILROOM-1072 recipient '" + name + "' of the Outlook .msg has no SMTP address (" + address
                + "): pass an Envelope with the recipients";
    }

    static String embeddedItem(int index, String name) {
        return "MAILROOM-1073 attachment " + index + " (" + name + ") of the Outlook .msg is an embedded Outlook item,"
                + " which sendMsg does not convert";
    }
}
