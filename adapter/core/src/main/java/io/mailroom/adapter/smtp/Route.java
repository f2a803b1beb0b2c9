package io.mailroom.adapter.smtp;

import io.mailroom.adapter.config.Encryption;

/**
 * Where and how to connect: one SMTP host, port and encryption.
 *
 * @param host the SMTP host
 * @param port the SMTP port
 * @param encryption the encryption on this port
 */
record Route(String host, int port, Encryption encryption) {

    /** @return {@code host:port}, for messages */
    String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return address() + " " + encryption;
    }
}
