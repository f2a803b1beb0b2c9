package io.mailroom.adapter.method;

import java.nio.file.Path;
import java.util.List;

/** Messages about delivery methods and the recipient allow-list (90xx), with their stable ids. */
final class MethodMessages {
    private MethodMessages() {
    }

    static String unknownMethod(String value, String known) {
        return "MAILROOM-9001 connection factory property deliveryMethod=" + value + " is invalid: must be one of " + known;
    }

    static String noPickupDirectory() {
        return "MAILROOM-9002 connection factory property deliveryMethod=pickup-directory needs pickupDirectory";
    }

    static String pickupNotWritable(Path directory, String reason) {
        return "MAILROOM-9003 connection factory property pickupDirectory=" + directory
                + " is invalid: not a writable directory (" + reason + ")";
    }

    static String badPattern(String pattern) {
        return "MAILROOM-9004 connection factory property recipientAllowList is invalid: '" + pattern
                + "' is not an address, a domain, @domain or *@domain";
    }

    static String badRedirect(String value) {
        return "MAILROOM-9005 connection factory property redirectTo=" + value + " is invalid: not one address";
    }

    static String noJmsName(String missing) {
        return "MAILROOM-9006 connection factory property deliveryMethod=jms needs " + missing
                + " (the JNDI names of the server's jakarta.jms.ConnectionFactory and of a jakarta.jms.Queue)";
    }

    static String jmsNameUnresolvable(String setting, String jndiName, String reason) {
        return "MAILROOM-9007 connection factory property " + setting + "=" + jndiName + " is invalid: " + reason;
    }

    static String written(String fileName) {
        return "MAILROOM-9010 written to the pickup directory as " + fileName;
    }

    static String notWritten(Path directory, String messageId, String reason) {
        return "MAILROOM-9011 message " + messageId + " could not be written to the pickup directory " + directory
                + ": " + reason + "; it stays queued and is retried";
    }

    static String captured() {
        return "MAILROOM-9012 captured (deliveryMethod=capture); nothing left this server";
    }

    static String sentToQueue(String queue, String jmsMessageId) {
        return "MAILROOM-9013 sent to the JMS queue " + queue + " as " + jmsMessageId;
    }

    static String notSentToQueue(String queue, String messageId, String reason) {
        return "MAILROOM-9014 message " + messageId + " could not be sent to the JMS queue " + queue + ": " + reason;
    }

    static String dropped(String messageId, List<String> recipients) {
        return "MAILROOM-9020 message " + messageId + ": recipients not on recipientAllowList dropped: " + recipients;
    }

    static String redirected(String messageId, List<String> recipients, String redirectTo) {
        return "MAILROOM-9021 message " + messageId + ": recipients not on recipientAllowList " + recipients
                + " redirected to " + redirectTo;
    }

    static String notAllowed(String recipient) {
        return recipient + ": MAILROOM-9022 not on recipientAllowList, not sent";
    }
}
