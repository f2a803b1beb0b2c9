package io.mailroom.adapter.smtp.pipelining;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport, with the mail transaction pipelined (RFC 2920) when the server
 * offers PIPELINING: {@code MAIL FROM}, every {@code RCPT TO} and {@code DATA} leave in one write
 * and the replies are read in order, so the message costs two round trips instead of 3 + the
 * recipients. When the server also offers CHUNKING (RFC 3030), the message (up to
 * {@link #CHUNK_LIMIT} bytes) follows the envelope in the same write as {@code BDAT <n> LAST}:
 * one round trip. Otherwise, after {@code DATA}'s 354, the message (up to the same limit) and the
 * final dot go in one write, dot-stuffed by {@link DataBody}. Without PIPELINING, or with
 * pipelining switched off, it is Angus's lockstep.
 *
 * <p>Angus still writes the commands: its {@code mailFrom()} and {@code rcptTo()} run as usual,
 * and while the envelope is collected {@link #sendCommand} keeps each command instead of sending
 * it and {@link #readServerResponse} answers {@code 250} for it. The real replies are read after the
 * group is sent and sorted by {@link EnvelopeReplies} into the exceptions Angus throws in lockstep.
 * Only the mail transaction is pipelined: EHLO, STARTTLS and AUTH happen in {@code connect()},
 * before any of this, one command at a time.
 *
 * <p>When the transaction fails after the server answered {@code DATA} with {@code 354}, the
 * message is not sent: with no recipient accepted, an empty message ({@code .}) ends the data and
 * {@code RSET} the transaction; with some accepted (only possible without
 * {@code mail.smtp.sendpartial}), the connection is closed without the final dot, so nothing is
 * delivered. Other failures end with {@code RSET}, as in Angus.
 *
 * <p>A caller that has another message for this connection right away may ask
 * ({@link #leaveFinalReply}) that a message leave the replies that end it unread, as an
 * {@link OwedReply} read before any later reply. Sent through DATA, the message and its dot are
 * held back and go out in one write with the next message's envelope (RFC 2920 section 3.1 lets
 * message content start a group), and the dot's reply is read before the envelope's: a stream of
 * messages costs one write and one round trip each instead of two. Sent with CHUNKING, the whole
 * transaction goes out at once and its replies are read after the next message's transaction has
 * been written, which opens with {@code RSET} (after a refused {@code BDAT} the server's state is
 * undetermined until an {@code RSET}: RFC 3030 section 2 and RFC 1830): two messages per round trip
 * instead of one. Anything else that writes or reads first sends the held message or reads the
 * replies first (and, after a failed transaction, sends {@code RSET}).
 */
public class PipeliningTransport extends SMTPTransport {
    /** The largest message sent with a single {@code BDAT}; a larger one goes through DATA. */
    public static final int CHUNK_LIMIT = 4 * 1024 * 1024;
    private static final int OK = 250;
    private static final int START_INPUT = 354;

    private final boolean pipelining;
    /** Where each message is held before it goes out (one message at a time: sendMessage is synchronized). */
    private final ChunkingBody.Held held = new ChunkingBody.Held();
    /** The current message's pipelined transaction, or {@code null} in lockstep. */
    private Transaction tx;
    /** Whether the next {@link #sendMessage} may leave the reply to its final dot unread. */
    private boolean leaveNext;
    /** The next reply read is not to be read: the bytes just written expect none yet. */
    private boolean noReplyYet;
    /** The message and final dot whose reply is owed, not written yet (without the final CRLF). */
    private byte[] unsent;
    /** The replies that end an earlier message, not read yet: the next replies on the connection. */
    private OwedReply owed;
    /** What the last {@link #sendMessage} left unread, for {@link #owedReply()}. */
    private OwedReply left;

    /**
     * @param pipelining {@code false} for Angus's lockstep on every server
     */
    protected PipeliningTransport(Session session, URLName url, boolean pipelining) {
        super(session, url, "smtp", false);
        this.pipelining = pipelining;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        boolean leave = leaveNext;
        leaveNext = false;
        left = null;
        if (!pipelining || !supportsExtension("PIPELINING") || !Recipients.allInternet(addresses)) {
            super.sendMessage(message, addresses);
            return;
        }
        tx = new Transaction(message, Recipients.expand(addresses), leave);
        try {
            super.sendMessage(message, addresses);
        } finally {
            tx = null;
            noReplyYet = false;
            held.trim();
        }
    }

    /**
     * Lets the next {@link #sendMessage} leave the replies that end the message unread when it sends
     * the message pipelined (in lockstep, or for a message larger than {@link #CHUNK_LIMIT} on a
     * server with CHUNKING, they are read as usual). The caller then sends another message, or calls
     * {@link #readOwedReply()}, and learns the outcome from {@link #owedReply()}.
     */
    public synchronized void leaveFinalReply(boolean leave) {
        this.leaveNext = leave;
    }

    /**
     * @return {@code true} if {@link #leaveFinalReply} saves round trips on this connection: the
     *         server offers PIPELINING (and pipelining is on)
     */
    public synchronized boolean overlapsMessages() {
        return pipelining && supportsExtension("PIPELINING");
    }

    /**
     * @return the replies the last message left unread, or {@code null} if it left none; once
     *         {@linkplain OwedReply#settled() settled}, its outcome
     */
    public synchronized OwedReply owedReply() {
        return left;
    }

    /**
     * Sends what is held back and reads the replies the last message left unread, if any (a failure
     * to read them settles them as lost), then ends a failed transaction with {@code RSET}.
     */
    public synchronized void readOwedReply() throws MessagingException {
        settleAndCleanUp();
    }

    /** Reads a reply left unread first: closing must not turn a delivered message into an unknown one. */
    @Override
    public synchronized void close() throws MessagingException {
        try {
            settleOwed(); // not isConnected(): Angus's sends a NOOP
        } catch (MessagingException | RuntimeException e) {
            // Settled as lost; the connection is closed all the same.
        }
        try {
            super.close();
        } finally {
            if (owed != null) {
                owed.lost();
                owed = null;
            }
        }
    }

    /**
     * Reads the owed replies, if any; a server that refused the {@code RSET} opening them is left.
     *
     * @return the replies read, settled, or {@code null} if none were owed
     */
    private OwedReply settleOwed() throws MessagingException {
        OwedReply o = owed;
        if (o == null) {
            return null;
        }
        owed = null;
        List<Reply> replies = new ArrayList<>(o.commands().size());
        try {
            sendUnsent();
            readReplies(o.commands(), replies);
        } catch (MessagingException | RuntimeException e) {
            o.lost();
            throw e;
        }
        o.settle(replies);
        if (o.resetRefused()) {
            closeQuietly();
        }
        return o;
    }

    /** Reads the owed replies, if any, and ends a transaction they refused with {@code RSET}. */
    private void settleAndCleanUp() throws MessagingException {
        OwedReply o = settleOwed();
        if (o != null && o.leftTransactionOpen()) {
            reset();
        }
    }

    /**
     * Before anything else is written behind a whole transaction left unanswered (CHUNKING): reads its
     * replies, and ends it with {@code RSET} if it failed.
     *
     * @throws MessagingException a lost connection, if the connection ended with those replies
     */
    private void endTransactionOnTheWire() throws MessagingException {
        if (owed == null || !owed.wholeTransaction()) {
            return;
        }
        OwedReply o = settleOwed();
        if (o.connectionGone()) {
            throw new MessagingException("the connection ended before the previous message's replies",
                    new EOFException("SMTP connection closed"));
        }
        if (o.leftTransactionOpen()) {
            reset();
        }
    }

    @Override
    protected void sendCommand(String cmd) throws MessagingException {
        if (tx != null && tx.collecting) {
            tx.commands.add(cmd);
        } else if (tx == null || !tx.dataAnswered || !"DATA".equals(cmd)) {
            endTransactionOnTheWire();
            sendUnsent();
            super.sendCommand(cmd);
        }
    }

    /** Writes the held-back message and dot, if any, alone: nothing came to go with them. */
    private void sendUnsent() throws MessagingException {
        byte[] bytes = unsent;
        if (bytes != null) {
            unsent = null;
            noReplyYet = true;
            try {
                simpleCommand(bytes); // adds the final CRLF and flushes; its reply is the owed one
            } finally {
                noReplyYet = false;
            }
        }
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        if (tx != null && tx.collecting) {
            return OK; // the real reply is read when the group has been sent
        }
        if (noReplyYet) {
            noReplyYet = false;
            return OK; // the reply is owed: read before the next one, see OwedReply
        }
        if (tx != null && tx.dataAnswered) {
            tx.dataAnswered = false;
            return START_INPUT; // read already, right after the envelope's replies
        }
        OwedReply o = settleOwed();
        if (o != null && o.connectionGone()) {
            return Reply.EOF; // the connection ended with it (Angus or the RSET refusal closed it): nothing more to read
        }
        return super.readServerResponse();
    }

    @Override
    protected OutputStream data() throws MessagingException {
        if (tx == null) {
            return super.data();
        }
        tx.collecting = false;
        if (supportsExtension("CHUNKING")) {
            tx.chunked = new ChunkingBody(CHUNK_LIMIT, this::dataAfterOverflow, held);
            return tx.chunked;
        }
        OutputStream angus = startData();
        tx.held = new ChunkingBody(CHUNK_LIMIT, () -> angus, held); // past the limit, the rest goes through Angus's stream
        return tx.held;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        if (tx == null) {
            super.finishData();
            return;
        }
        if (tx.chunked != null && !tx.chunked.overflowed()) {
            sendChunk();
            return;
        }
        if (tx.deferred != null) {
            throw tx.deferred;
        }
        if (tx.held != null && !tx.held.overflowed()) {
            sendHeld();
            return;
        }
        super.finishData(); // the final dot; Angus resets and throws if it is refused
        MessagingException partial = tx.replies.partialFailure(getLastReturnCode(), getLastServerResponse());
        if (partial != null) {
            throw partial;
        }
    }

    /** Envelope and DATA in one write; on 354, Angus's dot-stuffing stream for the message. */
    private OutputStream startData() throws MessagingException {
        Reply data = exchange("DATA", null);
        MessagingException failure = failure(data, START_INPUT);
        if (failure != null) {
            abandon(data);
            throw failure;
        }
        tx.dataAnswered = true;
        return super.data();
    }

    private OutputStream dataAfterOverflow() throws IOException {
        try {
            return startData();
        } catch (MessagingException e) {
            if (e.getNextException() instanceof IOException io) {
                throw io;
            }
            tx.deferred = e;
            return null;
        }
    }

    /**
     * After {@code DATA}'s 354: the held message and the final dot in one write (Angus's stream would
     * dot-stuff it a line at a time; see {@link DataBody}); a refusal ends as Angus's
     * {@code finishData()} ends it: {@code RSET}, and the exception it throws.
     */
    private void sendHeld() throws MessagingException {
        if (tx.leave) {
            unsent = tx.held.dataWithFinalDot(); // goes out with the next write, see sendUnsent
            owed = OwedReply.finalDot(tx.replies);
            left = owed;
            return;
        }
        int code = simpleCommand(tx.held.dataWithFinalDot()); // adds the final CRLF, flushes, reads the reply
        Reply dot = new Reply(".", code, getLastServerResponse());
        if (code != OK) {
            if (!dot.eof()) {
                reset();
            }
            throw tx.replies.contentRefused(dot);
        }
        MessagingException partial = tx.replies.partialFailure(code, dot.text());
        if (partial != null) {
            throw partial;
        }
    }

    /** Envelope and {@code BDAT <n> LAST} with the whole message in one write. */
    private void sendChunk() throws IOException, MessagingException {
        byte[] content = tx.chunked.canonical();
        if (tx.leave) {
            sendChunkInTurn(content);
            return;
        }
        Reply bdat = exchange("BDAT " + content.length + " LAST", content);
        MessagingException failure = failure(bdat, OK);
        if (failure != null) {
            if (!bdat.eof()) {
                reset(); // the server read the chunk whatever it answered: the connection is in step
            }
            throw failure;
        }
        MessagingException partial = tx.replies.partialFailure(bdat.code(), bdat.text());
        if (partial != null) {
            throw partial;
        }
    }

    /**
     * The whole transaction in one write, its replies left unread: they are read after the next
     * message's transaction has been written (or at {@link #readOwedReply()}), so two messages are
     * on the wire per round trip. The previous message's replies, owed, are read here.
     */
    private void sendChunkInTurn(byte[] content) throws MessagingException {
        boolean resetFirst = owed != null && owed.wholeTransaction();
        List<String> commands = groupCommands("BDAT " + content.length + " LAST", resetFirst);
        OwedReply mine = OwedReply.wholeTransaction(commands, tx.recipients, sendPartial(), resetFirst);
        noReplyYet = true; // its replies are read later
        simpleCommand(withoutFinalCrlf(commands, content)); // adds the final CRLF and flushes
        left = mine;
        OwedReply previous;
        try {
            previous = settleOwed(); // the previous message's replies come first
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(); // the connection broke: this message's replies will not come either
            mine.lost();
            return;
        }
        if (previous != null && previous.connectionGone()) {
            mine.lost(); // the connection was closed (by Angus at EOF, or above) before this message was read
            return;
        }
        owed = mine;
    }

    /**
     * Writes the collected envelope, the last command and the content after it in one write, then
     * reads every reply in order (after the ones owed, if any).
     *
     * @return the reply to the last command
     */
    private Reply exchange(String last, byte[] content) throws MessagingException {
        endTransactionOnTheWire(); // only for a message too large for one chunk, in a batch
        List<String> commands = groupCommands(last, false);
        List<Reply> replies = new ArrayList<>(commands.size());
        replies.add(new Reply(commands.get(0), simpleCommand(withoutFinalCrlf(commands, content)), getLastServerResponse()));
        readReplies(commands, replies);
        tx.replies = new EnvelopeReplies(replies.get(0), replies.subList(1, replies.size() - 1), tx.recipients);
        return replies.get(replies.size() - 1);
    }

    /** Reads the replies to {@code commands} from the first one {@code replies} does not have yet. */
    private void readReplies(List<String> commands, List<Reply> replies) throws MessagingException {
        for (int i = replies.size(); i < commands.size(); i++) {
            // After EOF there is nothing more to read; every later command is unanswered too.
            int code = i > 0 && replies.get(i - 1).eof() ? Reply.EOF : super.readServerResponse();
            replies.add(new Reply(commands.get(i), code, code == Reply.EOF ? "[EOF]" : getLastServerResponse()));
        }
    }

    /** [{@code RSET}], the collected envelope and {@code last}: the commands of one group, in order. */
    private List<String> groupCommands(String last, boolean resetFirst) {
        List<String> commands = new ArrayList<>(tx.commands.size() + 2);
        if (resetFirst) {
            commands.add("RSET");
        }
        commands.addAll(tx.commands);
        commands.add(last);
        if (commands.size() != tx.recipients.size() + 2 + (resetFirst ? 1 : 0)) {
            throw new IllegalStateException("Angus sent " + (tx.commands.size() - 1) + " RCPT TO for "
                    + tx.recipients.size() + " recipients");
        }
        return commands;
    }

    /** The bytes of one write, with what is held back first (see {@link CommandGroup}). */
    private byte[] withoutFinalCrlf(List<String> commands, byte[] content) {
        byte[] heldBack = unsent;
        unsent = null;
        return CommandGroup.withoutFinalCrlf(heldBack, commands, content,
                Boolean.parseBoolean(session.getProperty("mail.mime.allowutf8")) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** @return the failure of the transaction, or {@code null} if the content command got {@code expected} */
    private MessagingException failure(Reply content, int expected) {
        MessagingException before = tx.replies.failureBeforeContent(sendPartial());
        if (before != null) {
            return before;
        }
        return content.code() == expected ? null : tx.replies.contentRefused(content);
    }

    /** Ends a failed transaction whose content is not sent; see the class comment. */
    private void abandon(Reply data) {
        if (data.eof()) {
            closeQuietly();
        } else if (data.code() != START_INPUT) {
            reset();
        } else if (tx.replies.accepted() == 0) {
            try {
                super.sendCommand("."); // an empty message, to no one
                super.readServerResponse();
                reset();
            } catch (MessagingException e) {
                closeQuietly();
            }
        } else {
            closeQuietly(); // without the final dot the server delivers nothing
        }
    }

    private void reset() {
        try {
            super.sendCommand("RSET");
            if (super.readServerResponse() != OK) {
                closeQuietly();
            }
        } catch (MessagingException e) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (MessagingException ignored) {
            // The connection is going anyway.
        }
    }

    private boolean sendPartial() {
        if (tx.message instanceof SMTPMessage m && m.getSendPartial()) {
            return true;
        }
        return Boolean.parseBoolean(session.getProperty("mail.smtp.sendpartial"));
    }
}
