package io.mailroom.adapter.outbox.jdbc;

import java.util.List;

/**
 * A row this instance holds: the fencing token it was claimed with, the recipients still pending
 * and its Message-ID (for the messages that name it).
 */
record Claim(long token, List<String> recipients, String messageId) {
    /** @return this claim, with only {@code pending} left to deliver to */
    Claim narrowedTo(List<String> pending) {
        return new Claim(token, List.copyOf(pending), messageId);
    }
}
