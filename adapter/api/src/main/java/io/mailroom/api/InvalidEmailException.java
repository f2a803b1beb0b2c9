package io.mailroom.api;

/**
 * The message given to Mailroom is not valid: a header value with CR or LF, an address that does
 * not parse, an attachment file that does not exist, no recipient. Thrown at the call, before
 * anything is sent or enqueued.
 */
public class InvalidEmailException extends MailException {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the field at fault, for example {@code to}, {@code subject} or {@code header:X-Tag}
     * @param message what is wrong with it
     */
    public InvalidEmailException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * @param field the field at fault
     * @param message what is wrong with it
     * @param cause the parser's own exception
     */
    public InvalidEmailException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** @return the name of the field at fault, for example {@code to} or {@code attachment:report.pdf} */
    public String field() {
        return field;
    }
}
