package io.mailroom.adapter.smtp;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How sending one message of several ended: the recipients' replies, or the exception that
 * {@link SmtpChannel#sendToEach} would have thrown for it.
 *
 * @param replies what the server said to each recipient; {@code null} if it failed
 * @param failure why it failed; {@code null} if the server answered
 */
public record SendOutcome(RecipientReplies replies, RuntimeException failure) {
    public SendOutcome {
        if ((replies == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of replies and failure");
        }
    }

    public static SendOutcome answered(RecipientReplies replies) {
        return new SendOutcome(Objects.requireNonNull(replies, "replies"), null);
    }

    public static SendOutcome failed(RuntimeException failure) {
        return new SendOutcome(null, Objects.requireNonNull(failure, "failure"));
    }

    /** @return what {@code send} returned, or the exception it threw */
    public static SendOutcome of(Supplier<RecipientReplies> send) {
        try {
            return answered(send.get());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    /** Told the outcome of each message of several, in order, as soon as it is known. */
    @FunctionalInterface
    public interface Settled {
        /** @param index the message's position among those sent */
        void outcome(int index, SendOutcome outcome);
    }
}
