package io.mailroom.adapter.outbox;

import java.time.Instant;
import java.util.List;

/**
 * What an operator sees of one live entry, without its bytes: for listing the outbox.
 *
 * @param id the outbox's own id
 * @param messageId its {@code Message-ID}
 * @param mailFrom the envelope sender, or {@code null} for the null reverse-path
 * @param recipients the recipients still to deliver to
 * @param enqueuedAt when its transaction committed (or prepared)
 * @param attempts delivery attempts made so far
 * @param notBefore the earliest time of the next attempt
 * @param lastReason why the last attempt failed transiently (the server's reply), or {@code null}
 *                   if none failed yet or the reason is no longer known
 * @param branch the prepared transaction branch holding it (in doubt), or {@code null} once committed
 */
public record EntrySummary(long id, String messageId, String mailFrom, List<String> recipients, Instant enqueuedAt,
                           int attempts, Instant notBefore, String lastReason, String branch) {

    public EntrySummary {
        recipients = List.copyOf(recipients);
    }

    /** @return whether it belongs to a prepared branch the transaction manager has not completed */
    public boolean inDoubt() {
        return branch != null;
    }

    /** @return whether an attempt failed and it waits for a retry */
    public boolean deferred() {
        return branch == null && attempts > 0;
    }
}
