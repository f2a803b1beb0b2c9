package io.mailroom.adapter.outbox;

/**
 * The outbox could not do what was asked: it is full, its directory is not writable, a record is
 * corrupt. The message says which and names the directory or setting at fault.
 */
public class OutboxException extends Exception {
    private static final long serialVersionUID = 1L;

    public OutboxException(String message) {
        super(message);
    }

    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
