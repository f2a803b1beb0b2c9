package io.mailroom.testsupport;

import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link ScriptedSmtpServer} does at one step: reply with a given code and text, reply and
 * close the connection, or close it without a reply. Made with {@link ScriptedSmtpServer#on(Step)};
 * applies every time unless limited with {@link #times(int)}.
 */
public final class ScriptRule {
    private enum Action { REPLY, REPLY_AND_CLOSE, DROP, SILENCE }

    private final Step step;
    private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);
    private volatile String argumentContains;
    private volatile Action action;
    private volatile int code;
    private volatile String text;
    private volatile long holdMillis;
    private final AtomicInteger heldUntilMoreInput = new AtomicInteger();

    ScriptRule(Step step) {
        this.step = step;
    }

    /**
     * Applies the rule only when the command's argument contains the text, ignoring case:
     * {@code on(Step.RCPT).matching("nobody@")}.
     *
     * @param text part of the argument, for example an address
     * @return this rule
     */
    public ScriptRule matching(String text) {
        this.argumentContains = text.toLowerCase(Locale.ROOT);
        return this;
    }

    /**
     * @param code the reply code, for example 451
     * @param text the reply text after the code, for example {@code 4.3.0 try again later};
     *             lines separated by {@code \n} make a multi-line reply
     * @return this rule
     */
    public ScriptRule reply(int code, String text) {
        return act(Action.REPLY, code, text);
    }

    /**
     * Replies, then closes the connection: with {@code 421}, a server shutting down or closing an
     * idle connection.
     *
     * @param code the reply code
     * @param text the reply text
     * @return this rule
     */
    public ScriptRule replyAndClose(int code, String text) {
        return act(Action.REPLY_AND_CLOSE, code, text);
    }

    /**
     * Closes the connection without a reply; at {@link Step#MESSAGE}, in the middle of DATA.
     *
     * @return this rule
     */
    public ScriptRule drop() {
        return act(Action.DROP, 0, null);
    }

    /**
     * Sends no reply and goes on reading: a reply lost on the way, for a client's read timeout.
     * The commands after it are answered as usual, so a client that does not wait reads the
     * wrong replies.
     *
     * @return this rule
     */
    public ScriptRule silence() {
        return act(Action.SILENCE, 0, null);
    }

    /**
     * Holds the reply until the client has sent something more, for at most {@code millis}: a
     * client that pipelines sends its next command without waiting for this reply, one that waits
     * for it is answered when the time is up. {@link #answeredAfterMoreInput()} counts the first kind.
     *
     * @return this rule
     */
    public ScriptRule holdUntilMoreInput(long millis) {
        this.holdMillis = millis;
        return this;
    }

    /** @return how many times a held reply went out after the client had sent more, without waiting for it */
    public int answeredAfterMoreInput() {
        return heldUntilMoreInput.get();
    }

    /**
     * @param n how many times the rule applies before it is used up
     * @return this rule
     */
    public ScriptRule times(int n) {
        remaining.set(n);
        return this;
    }

    private ScriptRule act(Action action, int code, String text) {
        this.code = code;
        this.text = text;
        this.action = action;
        return this;
    }

    /** @return {@code true} if this rule answers the step and argument, and is not used up (it counts one use) */
    boolean use(Step step, String argument) {
        String part = argumentContains;
        boolean matches = this.step == step && action != null
                && (part == null || argument.toLowerCase(Locale.ROOT).contains(part));
        return matches && remaining.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n) > 0;
    }

    boolean drops() {
        return action == Action.DROP;
    }

    /** @return the reply code this rule sends, or 0 if it sends none */
    int code() {
        return code;
    }

    /** @return the code sent, or {@link SmtpConversation#CLOSED} if the connection is to close */
    int perform(SmtpConversation conversation) throws IOException {
        if (action == Action.DROP) {
            return SmtpConversation.CLOSED;
        }
        if (action == Action.SILENCE) {
            return 0;
        }
        if (holdMillis > 0 && conversation.awaitMoreInput(holdMillis)) {
            heldUntilMoreInput.incrementAndGet();
        }
        conversation.write(code, text);
        return action == Action.REPLY ? code : SmtpConversation.CLOSED;
    }
}
