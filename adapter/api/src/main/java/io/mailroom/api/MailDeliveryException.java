package io.mailroom.api;

/**
 * The SMTP server answered, and refused the message. Thrown as {@link TransientDeliveryException}
 * for a 4xx reply (try again later) and {@link PermanentDeliveryException} for a 5xx reply (do not
 * retry), so that retry policies (MicroProfile Fault Tolerance's {@code retryOn}/{@code abortOn})
 * can tell them apart by type.
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

    /**
     * @param replyCode the SMTP reply code
     * @param serverReply the server's full reply
     * @param message what was refused
     * @param cause the client's own exception, or {@code null}
     * @return a {@link TransientDeliveryException} for 4xx, else a {@link PermanentDeliveryException}
     */
    public static MailDeliveryException of(int replyCode, String serverReply, String message, Throwable cause) {
        return replyCode >= 400 && replyCode < 500
                ? new TransientDeliveryException(replyCode, serverReply, message, cause)
                : new PermanentDeliveryException(replyCode, serverReply, message, cause);
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
