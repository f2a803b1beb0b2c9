package io.mailroom.cdi;

/** Every message the extension shows, with its stable id (the ranges are listed in the adapter's package documentation). */
final class Messages {
    private Messages() {
    }

    static String missingKey(String key, String injectionPoint) {
        return "MAILROOM-7001 configuration key " + key + " is not set; it names the connection factory for "
                + injectionPoint;
    }

    static String invalidValue(String key, String value, String allowed, String injectionPoint) {
        return "MAILROOM-7002 configuration key " + key + "=" + value + " is invalid (" + allowed + ") for " + injectionPoint;
    }

    static String factoryNotFound(String jndiName, String key, String injectionPoint, String reason) {
        return "MAILROOM-7003 no Mailroom connection factory at JNDI name " + jndiName + " (from " + key + ") for "
                + injectionPoint + ": " + reason;
    }

    static String notAFactory(String jndiName, Object found) {
        return "MAILROOM-7004 JNDI name " + jndiName + " holds " + found.getClass().getName()
                + ", not io.mailroom.api.MailConnectionFactory; is mailroom-api bundled in the application? "
                + "It must come from the resource adapter (scope provided)";
    }

    static String unreadableEml(String path, String reason) {
        return "MAILROOM-7005 the EML file " + path + " cannot be read: " + reason;
    }

    static String interruptedWaiting() {
        return "MAILROOM-7090 interrupted while waiting for a connection factory to be bound";
    }

    static String noManagedExecutor() {
        return "MAILROOM-7006 no java:comp/DefaultManagedExecutorService (not in a Jakarta EE server): delivery events"
                + " fire on Mailroom's own thread mailroom-cdi-events, without the application's context";
    }

    static String circuitOpenInTransaction() {
        return "MAILROOM-7007 the SMTP server's circuit breaker is open and sendAsync was called in a transaction,"
                + " which its thread cannot join: the message was not enqueued; use send() to enqueue it on the transaction";
    }
}
