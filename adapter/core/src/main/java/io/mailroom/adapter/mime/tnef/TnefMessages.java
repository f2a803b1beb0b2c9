package io.mailroom.adapter.mime.tnef;

/** Every message of the TNEF encoder, with its stable id. */
final class TnefMessages {
    private TnefMessages() {
    }

    static String attachmentUnreadable(String fileName, String reason) {
        return "MAILROOM-1029 attachment " + fileName + " cannot be read for winmail.dat: " + reason;
    }
}
