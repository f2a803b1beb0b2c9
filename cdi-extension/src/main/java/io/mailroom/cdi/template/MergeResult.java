package io.mailroom.cdi.template;

import io.mailroom.api.MailException;
import io.mailroom.api.SendReceipt;

/**
 * What happened to one row of a {@link MailTemplates#merge mail merge}: its receipt, or why it
 * failed (a variable the row lacks, a bad address, a full outbox). One row's failure does not
 * stop the others.
 *
 * @param <T> the row type
 * @param index the row's position in the list given, from 0
 * @param row the data row
 * @param receipt the receipt, or {@code null} if the row failed
 * @param failure why the row failed, or {@code null}
 */
public record MergeResult<T>(int index, T row, SendReceipt receipt, MailException failure) {

    /** @return {@code true} if the row's message was sent or queued */
    public boolean isSent() {
        return failure == null;
    }
}
