package io.mailroom.sample;

import java.util.List;

/** One message in the development SMTP server's inbox, as the page shows it. */
public record InboxMessage(String messageId, String from, List<String> to, String subject, String receivedAt,
                           String text, String html, List<String> attachments, String source) {
}
