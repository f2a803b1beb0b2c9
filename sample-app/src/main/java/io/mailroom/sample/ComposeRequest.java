package io.mailroom.sample;

/** A message composed on the page. The attachment is optional. */
public record ComposeRequest(String to, String subject, String body, boolean html, boolean failAfterSending,
                             String attachmentName, String attachmentType, String attachmentBase64) {
}
