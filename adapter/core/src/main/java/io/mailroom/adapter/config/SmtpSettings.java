package io.mailroom.adapter.config;

/**
 * An immutable snapshot of a connection factory's settings, taken when a managed connection is
 * created. {@link #toString()} masks the password.
 *
 * @param host SMTP host name
 * @param port SMTP port: the configured one, or the security mode's standard port; with AUTO and
 *             SSL_AUTO, the first port probed
 * @param username user for SMTP AUTH, or {@code null} for no authentication
 * @param password password for SMTP AUTH, or {@code null}
 * @param defaultFrom From address used when a message names none, or {@code null}
 * @param ehloName the name sent with EHLO, or {@code null} for the local host name
 * @param connectTimeoutMillis how long to wait for the TCP connection and the greeting
 * @param readTimeoutMillis how long to wait for any one server reply
 * @param writeTimeoutMillis how long any one write to the socket may block
 * @param maxMessagesPerConnection how many messages one SMTP connection carries before it is
 *                                 closed and replaced
 * @param maxConnectionAgeSeconds how long one SMTP connection is used: the first message after this
 *                                age closes it and opens a new one
 * @param pipelining whether messages go out pipelined (RFC 2920, and RFC 3030 BDAT) to servers that
 *                   offer it; {@code false} for lockstep on every server
 */
public record SmtpSettings(String host, int port, String username, String password, String defaultFrom,
                           String ehloName, int connectTimeoutMillis, int readTimeoutMillis,
                           int writeTimeoutMillis, int maxMessagesPerConnection, int maxConnectionAgeSeconds,
                           boolean pipelining) {

    /** @return {@code true} if a user name is set, so the connection authenticates */
    public boolean authenticates() {
        return username != null && !username.isEmpty();
    }

    /** @return these settings with another port: the one a connection actually went to */
    public SmtpSettings withPort(int otherPort) {
        return new SmtpSettings(host, otherPort, username, password, defaultFrom, ehloName, connectTimeoutMillis,
                readTimeoutMillis, writeTimeoutMillis, maxMessagesPerConnection, maxConnectionAgeSeconds, pipelining);
    }

    /** @return {@code host:port}, for messages */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + (password == null ? "<none>" : "****") + ", defaultFrom=" + defaultFrom
                + ", ehloName=" + ehloName + ", connectTimeoutMillis=" + connectTimeoutMillis
                + ", readTimeoutMillis=" + readTimeoutMillis + ", writeTimeoutMillis=" + writeTimeoutMillis
                + ", maxMessagesPerConnection=" + maxMessagesPerConnection
                + ", maxConnectionAgeSeconds=" + maxConnectionAgeSeconds + ", pipelining=" + pipelining + "]";
    }
}
