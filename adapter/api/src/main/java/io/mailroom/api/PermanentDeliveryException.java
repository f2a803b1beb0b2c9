package io.mailroom.api;

/** The SMTP server refused the message for good (a 5xx reply): sending it again will not help. */
public class PermanentDeliveryException extends MailDeliveryException {
    private static final long serialVersionUID = 1L;

    /**
     * @param replyCode the 5xx reply code
     * @param serverReply the server's full reply
     * @param message what was refused
     * @param cause the client's own exception, or {@code null}
     */
    public PermanentDeliveryException(int replyCode, String serverReply, String message, Throwable cause) {
        super(replyCode, serverReply, message, cause);
    }
}
