package io.mailroom.adapter.config;

/**
 * The proxy SMTP connections go through. The password is masked by {@link #toString()}.
 *
 * @param type none, SOCKS5 or HTTP CONNECT
 * @param host the proxy's host, or {@code null} for none
 * @param port the proxy's port
 * @param username user for the proxy (SOCKS5 username/password, HTTP Basic), or {@code null}
 * @param password the proxy user's password, or {@code null}
 */
public record ProxySettings(Type type, String host, int port, String username, String password) {

    /** The kinds of proxy. */
    public enum Type {
        /** Connect directly. */
        NONE,
        /** SOCKS version 5 (RFC 1928), with username/password authentication (RFC 1929) if a user is set. */
        SOCKS5,
        /** An HTTP proxy's CONNECT method, with Basic authentication if a user is set. */
        HTTP
    }

    public static final ProxySettings NONE = new ProxySettings(Type.NONE, null, 0, null, null);

    /** @return {@code host:port} of the proxy, for messages */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return type == Type.NONE ? "ProxySettings[NONE]"
                : "ProxySettings[" + type + " " + address() + ", username=" + username
                        + ", password=" + Secrets.mask(password) + "]";
    }
}
