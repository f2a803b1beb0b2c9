package io.mailroom.adapter.outbox;

/**
 * The outbox wrote the record but could not make sure it is on disk (a force failed): whether the
 * messages are stored is unknown. They may be delivered after a restart, so a caller must not
 * report this as a rollback. The outbox itself recovers once the disk works again.
 */
public class OutboxInDoubtException extends OutboxException {
    private static final long serialVersionUID = 1L;

    public OutboxInDoubtException(String message, Throwable cause) {
        super(message, cause);
    }
}
