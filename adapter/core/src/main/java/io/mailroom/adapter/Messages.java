package io.mailroom.adapter;

/**
 * Every message the adapter shows to users, with its stable id. Ids 1xxx are bad input (thrown
 * by the API module too), 2xxx connection and pool problems, 3xxx refusals by the SMTP server,
 * 4xxx configuration.
 */
final class Messages {
    private Messages() {
    }

    static String invalidAddress(String field, String address, String reason) {
        return "MAILROOM-1020 " + field + " address '" + address + "' is not a valid RFC 5322 address: " + reason;
    }

    static String noFrom() {
        return "MAILROOM-1021 the message has no From address and the connection factory has no defaultFrom";
    }

    static String unreadableMessage(String reason) {
        return "MAILROOM-1022 the pre-composed message could not be read: " + reason;
    }

    static String cannotConnect(String address, int connectTimeoutMillis, String reason) {
        return "MAILROOM-2001 cannot connect to SMTP server " + address + " (connect timeout "
                + connectTimeoutMillis + " ms): " + reason;
    }

    static String connectionLost(String address, String reason) {
        return "MAILROOM-2002 the connection to SMTP server " + address + " broke: " + reason;
    }

    static String noPooledConnection(String reason) {
        return "MAILROOM-2003 no SMTP connection could be taken from the pool: " + reason;
    }

    static String handleClosed() {
        return "MAILROOM-2004 this MailConnection is closed; take a new one from the factory";
    }

    static String authenticationFailed(String user, String address, String reply) {
        return "MAILROOM-2005 authentication failed for user " + user + " on " + address + ": " + reply;
    }

    static String refused(String address, int code, String reply) {
        return "MAILROOM-3001 SMTP server " + address + " refused the message with " + code + ": " + reply;
    }

    static String allRecipientsRefused(String address, String reasons) {
        return "MAILROOM-3002 SMTP server " + address + " refused every recipient: " + reasons;
    }

    static String invalidSetting(String property, Object value, String rule) {
        return "MAILROOM-4001 connection factory property " + property + "=" + value + " is invalid: " + rule;
    }
}
