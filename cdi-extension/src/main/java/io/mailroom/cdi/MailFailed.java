package io.mailroom.cdi;

/**
 * A message was given up: refused for good (5xx), some recipients refused, or too old to retry.
 * It is in the outbox's dead letters with the same reason.
 *
 * @param sender the sender's name ({@code default} for the unnamed one)
 * @param messageId the message's {@code Message-ID}
 * @param reason the server's full reply, or why it expired
 */
public record MailFailed(String sender, String messageId, String reason) {
}
