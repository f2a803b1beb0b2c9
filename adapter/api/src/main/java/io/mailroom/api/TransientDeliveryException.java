package io.mailroom.api;

/** The SMTP server refused the message for now (a 4xx reply): the same message may succeed later. */
public class TransientDeliveryException extends MailDeliveryException {
    private static final long serialVersionUID = 1L;

    /**
     * @param replyCode the 4xx reply code
     * @param serverReply the server's full reply
     * @param message what was refused
     * @param cause the client's own exception, or {@code null}
     */
    public TransientDeliveryException(int replyCode, String serverReply, String message, Throwable cause) {
        super(replyCode, serverReply, message, cause);
    }
}
