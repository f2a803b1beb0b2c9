package io.mailroom.api;

/**
 * The SMTP server answered, and refused the message. {@link #isTransient()} tells a 4xx reply
 * (try again later) from a 5xx reply (do not retry).
 */
public class MailDeliveryException extends MailException {
    private static final long serialVersionUID = 1L;

    private final int replyCode;
    private final String serverReply;

    /**
     * @param replyCode the SMTP reply code, for example 451 or 550
     * @param serverReply the server's full reply text
     * @param message what was refused
     * @param cause the client's own exception, or {@code null}
     */
    public MailDeliveryException(int replyCode, String serverReply, String message, Throwable cause) {
        super(message, cause);
        this.replyCode = replyCode;
        this.serverReply = serverReply;
    }

    /** @return the SMTP reply code, for example 451 or 550 */
    public int replyCode() {
        return replyCode;
    }

    /** @return the server's full reply, as it was received */
    public String serverReply() {
        return serverReply;
    }

    /** @return {@code true} for a 4xx reply: the same message may be accepted later */
    public boolean isTransient() {
        return replyCode >= 400 && replyCode < 500;
    }
}
