package io.mailroom.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message kept by a connection factory with {@code deliveryMethod=capture} instead of being
 * sent (development and demos: nothing leaves the server).
 *
 * @param messageId the {@code Message-ID} header
 * @param mailFrom the envelope sender, or {@code null} for the null reverse-path
 * @param recipients the envelope recipients, Bcc included
 * @param capturedAt when it was captured
 * @param mime the complete RFC 5322 message as it would have been sent
 */
public record CapturedMessage(String messageId, String mailFrom, List<String> recipients, Instant capturedAt,
                              byte[] mime) {
    /** Copies the recipients; the bytes are the caller's to keep. */
    public CapturedMessage {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(mime, "mime");
    }

    @Override
    public String toString() {
        return "CapturedMessage[" + messageId + ", to=" + recipients + ", " + mime.length + " bytes]";
    }
}
