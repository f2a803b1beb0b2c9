package io.mailroom.api;

import java.util.List;

/**
 * What happened to one message handed to Mailroom.
 *
 * @param status {@link Status#SENT} when the SMTP server accepted it during the call;
 *               {@link Status#QUEUED} when it was enqueued, to be delivered after commit
 * @param messageId the {@code Message-ID} header of the message
 * @param serverReply the server's reply to the end of DATA (for example
 *                    {@code 250 2.0.0 Ok: queued as 4F1A}), or {@code null} while queued
 * @param accepted the recipients the server accepted
 * @param rejected the recipients the server refused, each with the server's reply
 */
public record SendReceipt(Status status, String messageId, String serverReply,
                          List<String> accepted, List<String> rejected) {

    /** Whether a message has left or is waiting for its transaction to commit. */
    public enum Status {
        /** Accepted by the SMTP server during the call. */
        SENT,
        /** Enqueued; delivered only if (and after) the transaction commits. */
        QUEUED
    }

    /** Copies the lists, so a receipt never changes after it is created. */
    public SendReceipt {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }
}
