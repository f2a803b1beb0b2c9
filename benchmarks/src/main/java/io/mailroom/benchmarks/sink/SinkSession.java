package io.mailroom.benchmarks.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.Locale;

/**
 * One SMTP conversation of {@link JavaSmtpSink}: EHLO, HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT
 * are accepted, and with CHUNKING offered {@code BDAT <n> [LAST]}; anything else gets {@code 502}.
 * The message text is scanned for the ending {@code CRLF.CRLF} (or, after BDAT, counted) and discarded. Replies are buffered while more pipelined input is already
 * waiting, and written when it is not.
 */
final class SinkSession {
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final int MAX_COMMAND_LINE = 1000;
    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private static final byte[] GREETING = ascii("220 sink ESMTP\r\n");
    private static final byte[] EHLO = ascii("250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 0\r\n");
    private static final byte[] EHLO_CHUNKING = ascii("250-sink\r\n250-PIPELINING\r\n250-CHUNKING\r\n250-8BITMIME\r\n250 SIZE 0\r\n");
    private static final byte[] BAD_BDAT = ascii("501 5.5.4 Error: BDAT needs a size\r\n");
    private static final byte[] HELO = ascii("250 sink\r\n");
    private static final byte[] OK = ascii("250 2.0.0 Ok\r\n");
    private static final byte[] GO_AHEAD = ascii("354 End data with <CR><LF>.<CR><LF>\r\n");
    private static final byte[] QUEUED = ascii("250 2.0.0 Ok: queued\r\n");
    private static final byte[] BYE = ascii("221 2.0.0 Bye\r\n");
    private static final byte[] UNKNOWN = ascii("502 5.5.2 Error: command not recognized\r\n");
    private static final byte[] TOO_LONG = ascii("500 5.5.2 Error: line too long\r\n");

    private final Socket socket;
    private final Consumer<String> onMessage;
    private final boolean chunking;
    private final boolean recordRecipient;
    private String recipient;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] replies = new byte[4 * 1024];
    private int start;
    private int end;
    private int replyLength;
    private InputStream in;
    private OutputStream out;

    /**
     * @param onMessage told of every accepted message, with its last {@code RCPT TO} address when
     *                  {@code recordRecipient} (else {@code null}, so throughput runs allocate nothing for it)
     */
    SinkSession(Socket socket, Consumer<String> onMessage, boolean chunking, boolean recordRecipient) {
        this.socket = socket;
        this.onMessage = onMessage;
        this.chunking = chunking;
        this.recordRecipient = recordRecipient;
    }

    void run() throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        reply(GREETING);
        flush();
        while (true) {
            int lineEnd = nextLineEnd();
            if (lineEnd < 0) {
                return; // EOF, or a line too long (answered already)
            }
            String verb = verb(lineEnd);
            String bdat = chunking && verb.equals("BDAT") ? new String(buffer, start + 4, lineEnd - start - 4,
                    StandardCharsets.US_ASCII).strip() : null;
            if (recordRecipient && verb.equals("RCPT")) {
                recipient = address(lineEnd);
            }
            start = lineEnd + 1;
            switch (verb) {
                case "EHLO" -> reply(chunking ? EHLO_CHUNKING : EHLO);
                case "BDAT" -> {
                    if (bdat == null) {
                        reply(UNKNOWN);
                    } else if (!chunk(bdat)) {
                        return;
                    }
                }
                case "HELO" -> reply(HELO);
                case "MAIL", "RCPT", "RSET", "NOOP" -> reply(OK);
                case "DATA" -> {
                    reply(GO_AHEAD);
                    flush();
                    if (!skipMessage()) {
                        return;
                    }
                    onMessage.accept(recipient);
                    reply(QUEUED);
                }
                case "QUIT" -> {
                    reply(BYE);
                    flush();
                    return;
                }
                default -> reply(UNKNOWN);
            }
            if (start == end) {
                flush(); // nothing pipelined behind this command: answer now
            }
        }
    }

    /** Reads and drops one BDAT chunk, then replies; @return false at EOF */
    private boolean chunk(String argument) throws IOException {
        String[] parts = argument.split(" +");
        long size;
        try {
            size = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            reply(BAD_BDAT);
            return true;
        }
        while (size > 0) {
            if (start == end && !fill()) {
                return false;
            }
            int take = (int) Math.min(size, end - start);
            start += take;
            size -= take;
        }
        if (parts.length > 1 && parts[1].equalsIgnoreCase("LAST")) {
            onMessage.accept(recipient);
            reply(QUEUED);
        } else {
            reply(OK);
        }
        return true;
    }

    /** @return the index of the next LF, reading as needed; -1 at EOF or past the longest line */
    private int nextLineEnd() throws IOException {
        int scanned = start;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    return i;
                }
            }
            if (end - start >= MAX_COMMAND_LINE) {
                reply(TOO_LONG);
                flush();
                return -1;
            }
            scanned = end;
            int shift = start;
            if (!fill()) {
                return -1;
            }
            scanned -= shift;
        }
    }

    /** @return what stands between {@code <} and {@code >} on the command line */
    private String address(int lineEnd) {
        String line = new String(buffer, start, lineEnd - start, StandardCharsets.US_ASCII);
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open < 0 || close < 0 ? line.strip() : line.substring(open + 1, close);
    }

    private String verb(int lineEnd) {
        int length = Math.min(4, lineEnd - start);
        return new String(buffer, start, Math.max(0, length), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
    }

    /** Discards the message text up to and including CRLF.CRLF; @return false at EOF */
    private boolean skipMessage() throws IOException {
        int matched = 2; // the DATA line's own CRLF: a "." on the first line ends the message
        while (true) {
            while (start < end) {
                byte b = buffer[start++];
                if (b == END_OF_DATA[matched]) {
                    if (++matched == END_OF_DATA.length) {
                        return true;
                    }
                } else {
                    matched = b == '\r' ? 1 : 0;
                }
            }
            if (!fill()) {
                return false;
            }
        }
    }

    /** Moves unread bytes to the front and reads more; @return false at EOF */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    private void reply(byte[] text) throws IOException {
        if (replyLength + text.length > replies.length) {
            flush();
        }
        System.arraycopy(text, 0, replies, replyLength, text.length);
        replyLength += text.length;
    }

    private void flush() throws IOException {
        if (replyLength > 0) {
            out.write(replies, 0, replyLength);
            replyLength = 0;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
