package io.mailroom.adapter;

/**
 * Messages of the JCA roles, with their stable ids (2xxx: connection handles, the pool and the adapter).
 */
final class Messages {
    private Messages() {
    }

    static String noPooledConnection(String reason) {
        return "MAILROOM-2003 no SMTP connection could be taken from the pool: " + reason;
    }

    static String handleClosed() {
        return "MAILROOM-2004 this MailConnection is closed; take a new one from the factory";
    }
}
