package io.mailroom.adapter.smtp;

import io.mailroom.api.SendReceipt;

import java.util.List;

/**
 * What the server said to each recipient of one message: who got it, and who was refused at
 * {@code RCPT} with which reply. A delivery worker decides per recipient from this.
 *
 * @param messageId the message's {@code Message-ID}
 * @param serverReply the reply to the end of DATA; empty if no DATA was sent (every recipient refused)
 * @param accepted the recipients the message was delivered to
 * @param refused the recipients refused at {@code RCPT}, in the order they were sent
 */
public record RecipientReplies(String messageId, String serverReply, List<String> accepted, List<Refusal> refused) {
    /** {@code 452 too many recipients}: send the rest in another transaction (RFC 5321 section 4.5.3.1.10). */
    private static final int TOO_MANY_RECIPIENTS = 452;
    /** Was "too many recipients" before RFC 5321; its section 4.5.3.1.10 says to treat it as {@code 452} at RCPT. */
    private static final int OLD_TOO_MANY_RECIPIENTS = 552;

    public RecipientReplies {
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
    }

    /**
     * One recipient the server refused.
     *
     * @param address the address
     * @param code its own reply code
     * @param reply the server's full reply, code included
     */
    public record Refusal(String address, int code, String reply) {
        /** @return {@code true} for a 4xx (greylisting, rate limits, too many recipients): try again later */
        public boolean isTransient() {
            return code / 100 == 4 || code == OLD_TOO_MANY_RECIPIENTS;
        }

        /** @return {@code true} if the server only wants fewer recipients per transaction */
        public boolean isTooManyRecipients() {
            return code == TOO_MANY_RECIPIENTS || code == OLD_TOO_MANY_RECIPIENTS;
        }

        @Override
        public String toString() {
            return address + ": " + reply;
        }
    }

    /** @return the refusals that may succeed later, 4xx */
    public List<Refusal> transientRefusals() {
        return refused.stream().filter(Refusal::isTransient).toList();
    }

    /** @return the refusals that will not change, 5xx */
    public List<Refusal> permanentRefusals() {
        return refused.stream().filter(r -> !r.isTransient()).toList();
    }

    /** @return the receipt an application's listener sees */
    public SendReceipt receipt() {
        return new SendReceipt(SendReceipt.Status.SENT, messageId, serverReply, accepted,
                refused.stream().map(Refusal::toString).toList());
    }
}
