package io.mailroom.adapter;

import java.util.List;

/**
 * Messages of the JCA roles and the wiring, with their stable ids. The id ranges are listed once, in the
 * {@code io.mailroom.adapter} package documentation.
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

    static String notWritableForOutbox(String reason) {
        return "MAILROOM-1024 the message could not be written for the outbox: " + reason;
    }

    static String started() {
        return "MAILROOM-0001 Mailroom SMTP resource adapter started";
    }

    static String stopped() {
        return "MAILROOM-0002 Mailroom SMTP resource adapter stopped";
    }

    static String cannotAssociate(Object connection) {
        return "MAILROOM-2010 cannot associate " + connection + " with an SMTP connection";
    }

    static String outboundOnly() {
        return "MAILROOM-2012 Mailroom is outbound only; it has no message endpoints";
    }

    static String poolExhausted(long waitMillis) {
        return "MAILROOM-2013 every pooled connection is in use; waited " + waitMillis + " ms";
    }

    static String poolWaitInterrupted() {
        return "MAILROOM-2014 interrupted while waiting for a pooled connection";
    }

    static String adapterStopped() {
        return "MAILROOM-2015 the Mailroom resource adapter is stopped";
    }

    static String noServerTimer(Exception cause) {
        return "MAILROOM-6005 the server gave no timer; using a daemon timer: " + cause;
    }

    static String outboxShared(String location, String first, String second, List<String> differences, String setting) {
        return "MAILROOM-4013 connection factories '" + first + "' and '" + second + "' use the same outbox "
                + location + " but differ in " + String.join(", ", differences)
                + "; one outbox delivers with one factory's settings: give each factory its own " + setting;
    }

    static String outboxDataSourceNotFound(String name, Exception cause) {
        return "MAILROOM-4014 connection factory property outboxDataSource=" + name + " names no DataSource this"
                + " server has: " + cause + "; configure a DataSource with that JNDI name (Liberty: <dataSource"
                + " jndiName=\"" + name + "\">), or set outbox=journal";
    }

    static String tooLargeForTransaction(long maxBytes) {
        return "MAILROOM-1028 the message is larger than the outbox (outboxMaxMegabytes, " + maxBytes + " bytes):"
                + " inside a transaction it is spooled to disk until commit and then stored whole in the outbox; send it"
                + " outside a transaction to stream it to the server, or raise outboxMaxMegabytes";
    }
}
