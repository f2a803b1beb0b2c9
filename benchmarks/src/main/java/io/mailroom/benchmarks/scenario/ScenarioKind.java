package io.mailroom.benchmarks.scenario;

/** The ways of sending that the throughput table compares, in table order. */
public enum ScenarioKind {
    /** What a server's mail session gives: a new connection per message. The 1× column. */
    TRANSPORT_SEND("1", "Transport.send per message (plain Session)"),
    /** Hand-tuned plain Jakarta Mail: one connected transport per thread. */
    REUSED_TRANSPORT("2", "One reused Angus transport per thread"),
    /** Simple Java Mail with its batch-module connection pool. */
    SIMPLE_JAVA_MAIL("3", "Simple Java Mail + batch-module pool"),
    /** Mailroom outside a server, sending through pooled connections. */
    MAILROOM_DIRECT("4", "Mailroom direct (pooled connections)"),
    /** Mailroom's durable path: enqueue with fsync, then the delivery workers. */
    MAILROOM_DURABLE("5", "Mailroom durable (enqueue + fsync → delivery workers)"),
    /** Postfix's C load generator: the ceiling. */
    SMTP_SOURCE("6", "smtp-source -d (Postfix, C)"),
    /** #2 on equal sockets: the same reused transport, with a socket factory that sets TCP_NODELAY. */
    REUSED_TRANSPORT_NODELAY("7", "One reused Angus transport per thread, TCP_NODELAY socket factory"),
    /** The peer users would pick: Vert.x's mail client (the engine under Quarkus Mailer), pooled and pipelining. */
    VERTX("8", "Vert.x mail client " + VertxMailScenario.VERSION + " (pool of C, pipelining on)");

    private final String number;
    private final String title;

    ScenarioKind(String number, String title) {
        this.number = number;
        this.title = title;
    }

    /** @return the scenario's number in the issue and the table ("1".."8") */
    public String number() {
        return number;
    }

    /** @return how the table names it */
    public String title() {
        return number + ". " + title;
    }
}
