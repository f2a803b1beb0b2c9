package io.mailroom.adapter.smtp.pipelining;

import jakarta.mail.MessagingException;

/**
 * The reply to a message's final dot that {@link PipeliningTransport} left unread, so that the
 * next message's envelope could follow the message on the wire before the reply came back
 * (RFC 2920 section 3.1: message content may be the first "command" of a group). The transport
 * reads it before any other reply on the connection; until then the message's outcome is unknown.
 */
public final class OwedReply {
    private static final int OK = 250;

    private final EnvelopeReplies envelope;
    private boolean settled;
    private MessagingException failure;
    private String serverReply = "";

    OwedReply(EnvelopeReplies envelope) {
        this.envelope = envelope;
    }

    /** The reply came (or, with {@link Reply#EOF}, the connection ended first). */
    void settle(int code, String text) {
        if (settled) {
            return;
        }
        settled = true;
        Reply dot = new Reply(".", code, text);
        if (code != OK) {
            failure = envelope.contentRefused(dot);
        } else {
            failure = envelope.partialFailure(code, text);
            serverReply = text;
        }
    }

    /** The connection closed before the reply was read: the outcome is unknown, as for a lost connection. */
    void lost() {
        settle(Reply.EOF, "[EOF]");
    }

    /** @return {@code true} once the reply was read or the connection was lost */
    public boolean settled() {
        return settled;
    }

    /**
     * @return what Angus would have thrown from {@code sendMessage} for this reply: a refusal, a lost
     *         connection, or a {@link jakarta.mail.SendFailedException} for a message that went to
     *         some recipients only; {@code null} if it went to all
     */
    public MessagingException failure() {
        requireSettled();
        return failure;
    }

    /** @return the server's reply to the final dot; empty unless it was {@code 250} */
    public String serverReply() {
        requireSettled();
        return serverReply;
    }

    private void requireSettled() {
        if (!settled) {
            throw new IllegalStateException("the reply to the final dot has not been read yet");
        }
    }
}
