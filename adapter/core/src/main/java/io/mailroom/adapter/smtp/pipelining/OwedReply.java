package io.mailroom.adapter.smtp.pipelining;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The replies that end a message, which {@link PipeliningTransport} left unread so that the next
 * message could follow on the wire before they came back. Either the reply to the final dot of a
 * message sent through DATA, whose envelope was answered already (RFC 2920 section 3.1: message
 * content may be the first "command" of a group), or every reply of a whole transaction sent with
 * {@code BDAT <n> LAST} (RFC 3030): {@code MAIL FROM}, each {@code RCPT TO} and the chunk's, after
 * the {@code RSET} that opens a group sent while the one before was unanswered. The transport reads
 * them before any other reply on the connection; until then the message's outcome is unknown.
 */
public final class OwedReply {
    private static final int OK = 250;

    /** The envelope's replies when they were read before the message went out (DATA); else {@code null}. */
    private final EnvelopeReplies envelope;
    /** The commands whose replies are owed, in order. */
    private final List<String> commands;
    private final List<InternetAddress> recipients;
    private final boolean sendPartial;
    /** The group opens with {@code RSET}, whose reply comes first. */
    private final boolean resetFirst;
    private boolean settled;
    private boolean resetRefused;
    /** The connection ended before the last reply. */
    private boolean ended;
    private MessagingException failure;
    private String serverReply = "";

    private OwedReply(EnvelopeReplies envelope, List<String> commands, List<InternetAddress> recipients,
            boolean sendPartial, boolean resetFirst) {
        this.envelope = envelope;
        this.commands = List.copyOf(commands);
        this.recipients = recipients;
        this.sendPartial = sendPartial;
        this.resetFirst = resetFirst;
    }

    /** The reply to the final dot of a message whose envelope was answered. */
    static OwedReply finalDot(EnvelopeReplies envelope) {
        return new OwedReply(envelope, List.of("."), List.of(), false, false);
    }

    /**
     * Every reply of a transaction sent in one write: {@code commands} are [{@code RSET}],
     * {@code MAIL FROM}, one {@code RCPT TO} per recipient, and the content command last.
     */
    static OwedReply wholeTransaction(List<String> commands, List<InternetAddress> recipients, boolean sendPartial,
            boolean resetFirst) {
        return new OwedReply(null, commands, recipients, sendPartial, resetFirst);
    }

    /** @return {@code true} for a whole transaction (CHUNKING), {@code false} for a final dot's reply */
    boolean wholeTransaction() {
        return envelope == null;
    }

    /**
     * @return {@code true} if the connection is gone with these replies: it ended before the last one
     *         came, or the server refused the {@code RSET} that opened them (the transport closes it then)
     */
    boolean connectionGone() {
        requireSettled();
        return ended || resetRefused;
    }

    /** @return the commands whose replies are owed, in the order the server answers them */
    List<String> commands() {
        return commands;
    }

    /**
     * Sorts the replies (or, with {@link Reply#EOF}, the connection's end) into the outcome, as
     * Angus's lockstep would have: a refusal, a lost connection, some recipients only, or all.
     *
     * @param replies one per {@link #commands()}, in order
     */
    void settle(List<Reply> replies) {
        if (settled) {
            return;
        }
        settled = true;
        int first = resetFirst ? 1 : 0;
        Reply content = replies.get(replies.size() - 1);
        ended = content.eof();
        EnvelopeReplies env = envelope != null ? envelope
                : new EnvelopeReplies(replies.get(first), replies.subList(first + 1, replies.size() - 1), recipients);
        MessagingException before = envelope != null ? null : env.failureBeforeContent(sendPartial);
        if (resetFirst && !replies.get(0).eof() && replies.get(0).code() != OK) {
            // The earlier transaction may still be open, so the replies after it say nothing sure.
            resetRefused = true;
            before = env.contentRefused(new Reply(content.command(), Reply.EOF, "[RSET refused: " + replies.get(0).text() + "]"));
        }
        if (before != null) {
            failure = before;
        } else if (content.code() != OK) {
            failure = env.contentRefused(content);
        } else {
            failure = env.partialFailure(content.code(), content.text());
            serverReply = content.text();
        }
    }

    /** The connection closed before the replies were read: the outcome is unknown, as for a lost connection. */
    void lost() {
        List<Reply> eof = new ArrayList<>(commands.size());
        for (String command : commands) {
            eof.add(new Reply(command, Reply.EOF, "[EOF]"));
        }
        settle(eof);
    }

    /** @return {@code true} if the transaction failed with the connection still open, so RSET must clean it up */
    boolean leftTransactionOpen() {
        requireSettled();
        return failure != null && !resetRefused && !ended;
    }

    /** @return {@code true} if the server refused the {@code RSET} that opened the group: the connection is unusable */
    boolean resetRefused() {
        requireSettled();
        return resetRefused;
    }

    /** @return {@code true} once the replies were read or the connection was lost */
    public boolean settled() {
        return settled;
    }

    /**
     * @return what Angus would have thrown from {@code sendMessage} for these replies: a refusal, a
     *         lost connection, or a {@link jakarta.mail.SendFailedException} for a message that went
     *         to some recipients only; {@code null} if it went to all
     */
    public MessagingException failure() {
        requireSettled();
        return failure;
    }

    /** @return the server's reply to the final dot or the chunk; empty unless it was {@code 250} */
    public String serverReply() {
        requireSettled();
        return serverReply;
    }

    private void requireSettled() {
        if (!settled) {
            throw new IllegalStateException("the replies that end the message have not been read yet");
        }
    }
}
