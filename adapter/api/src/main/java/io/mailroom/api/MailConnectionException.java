package io.mailroom.api;

/**
 * The SMTP server could not be reached or the connection broke: refused, timed out, closed by
 * the server. Always transient from Mailroom's point of view: the same message may succeed later.
 */
public class MailConnectionException extends MailException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;

    /**
     * @param host the SMTP host that was tried
     * @param port the SMTP port that was tried
     * @param message what went wrong; includes host and port
     * @param cause the network failure
     */
    public MailConnectionException(String host, int port, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.port = port;
    }

    /** @return the SMTP host that was tried */
    public String host() {
        return host;
    }

    /** @return the SMTP port that was tried */
    public int port() {
        return port;
    }
}
