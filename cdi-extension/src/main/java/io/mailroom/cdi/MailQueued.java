package io.mailroom.cdi;

import java.util.List;

/**
 * A message was enqueued: on a transaction (it leaves if that commits) or durably without one.
 * Fired synchronously in the sender's thread.
 *
 * @param sender the sender's name ({@code default} for the unnamed one)
 * @param messageId the message's {@code Message-ID}
 * @param recipients the envelope recipients
 */
public record MailQueued(String sender, String messageId, List<String> recipients) {
}
