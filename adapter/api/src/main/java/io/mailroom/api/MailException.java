package io.mailroom.api;

/**
 * The root of every exception Mailroom throws to applications. Unchecked, so that sending mail
 * does not force {@code try/catch} blocks onto code that lets failures roll a transaction back.
 */
public class MailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, starting with a stable message id such as {@code MAILROOM-1203}
     */
    public MailException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, starting with a stable message id
     * @param cause the underlying failure
     */
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
