package io.mailroom.adapter.outbox;

import java.time.Instant;
import java.util.List;

/**
 * A message the outbox gave up on, kept for operators with the reason.
 *
 * @param id the outbox id it had
 * @param messageId its {@code Message-ID}
 * @param mailFrom the envelope sender
 * @param recipients the recipients it was meant for
 * @param reason why: the SMTP server's full reply, or "expired after N attempts: last reply"
 * @param deadAt when it was given up
 */
public record DeadLetter(long id, String messageId, String mailFrom, List<String> recipients, String reason, Instant deadAt) {
}
