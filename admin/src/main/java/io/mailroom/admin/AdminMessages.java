package io.mailroom.admin;

/** Every message the admin module shows, with its stable id (range 7900-7949). */
final class AdminMessages {
    private AdminMessages() {
    }

    static String factoryNotFound(String key, String jndiName, Exception cause) {
        return "MAILROOM-7900 the outbox admin found no Mailroom connection factory at " + jndiName + " (from " + key
                + "): " + cause + "; set " + key + " to the factory's JNDI name";
    }

    static String notAFactory(String key, String jndiName, Object found) {
        return "MAILROOM-7901 " + jndiName + " (from " + key + ") is a " + found.getClass().getName()
                + ", not a Mailroom connection factory this module can use; if it is one, the module sees a second"
                + " copy of mailroom-api: on WildFly drop its Dependencies: deployment.mailroom.rar when it is packaged"
                + " in an EAR with the adapter, on Liberty give it the adapter's class provider and no copy of the API";
    }

    static String csrfTokenMissing(String header) {
        return "MAILROOM-7902 a state change needs the header " + header
                + " with the token from GET api/session in this session; refused";
    }

    static String foreignOrigin(String origin, String expected) {
        return "MAILROOM-7903 a state change from origin " + origin + " is refused: only " + expected + " may make one";
    }

    static String noSuchMessage(long id) {
        return "MAILROOM-7904 no waiting message or dead letter has id " + id;
    }

    static String noSuchDeadLetter(long id) {
        return "MAILROOM-7905 no dead letter has id " + id;
    }

    static String badLimit(int limit, int max) {
        return "MAILROOM-7906 limit must be between 1 and " + max + ", not " + limit;
    }
}
