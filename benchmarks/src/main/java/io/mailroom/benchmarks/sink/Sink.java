package io.mailroom.benchmarks.sink;

/** An SMTP server on 127.0.0.1 that accepts every message and throws it away, counting connections and messages. */
public interface Sink extends AutoCloseable {

    /** @return the loopback port it listens on */
    int port();

    /** @return what it is, for the results ("Postfix smtp-sink 3.7.11") */
    String description();

    /**
     * Counts the SMTP connections that have ended so far, waiting briefly until the count stops
     * moving, so that connections a client just closed are included.
     *
     * @return the connections ended since the sink started
     */
    long settledConnections() throws InterruptedException;

    /**
     * Counts the messages accepted so far (the final {@code 250}), waiting briefly until the count
     * stops moving, as {@link #settledConnections()} does.
     *
     * @return the messages accepted since the sink started
     */
    long settledMessages() throws InterruptedException;

    /** Stops listening and ends every open connection. */
    @Override
    void close();
}
