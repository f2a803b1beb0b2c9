package io.mailroom.testsupport;

import io.mailroom.testsupport.ScriptedSmtpServer.Message;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One client connection to a {@link ScriptedSmtpServer}: reads commands, answers each by the
 * server's rules or with a plain success, records the messages it accepts.
 */
final class SmtpConversation {
    /** Returned instead of a reply code when the connection is to close. */
    static final int CLOSED = -1;

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;

    private final ScriptedSmtpServer server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean tls;
    private String mailFrom;
    private final List<String> recipients = new ArrayList<>();
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    SmtpConversation(ScriptedSmtpServer server, Socket socket, boolean tls) throws IOException {
        this.server = server;
        this.tls = tls;
        streams(socket);
    }

    private void streams(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(new RecordingInputStream(s.getInputStream(), server));
        this.out = s.getOutputStream();
    }

    /** Talks until the client quits, a rule closes the connection, or the client is idle too long. */
    void run() throws IOException {
        try {
            if (answer(Step.GREETING, "", 220, "127.0.0.1 ESMTP ScriptedSmtpServer") == CLOSED) {
                return;
            }
            for (byte[] line; (line = readLine()) != null; ) {
                String command = new String(line, StandardCharsets.ISO_8859_1).strip();
                server.record(command);
                if (command(command) == CLOSED) {
                    return;
                }
            }
        } catch (SocketTimeoutException idle) {
            write(421, "4.4.2 idle for too long, closing connection");
        }
    }

    /**
     * Waits until the client has sent bytes not read yet, at most {@code millis}.
     *
     * @return {@code true} if it had
     */
    boolean awaitMoreInput(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (in.available() == 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Writes a reply; a text of several lines ({@code \n}) becomes a multi-line reply.
     *
     * @return the code
     */
    int write(int code, String text) throws IOException {
        String[] lines = text.split("\n");
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            reply.append(code).append(i < lines.length - 1 ? '-' : ' ').append(lines[i].strip()).append("\r\n");
        }
        out.write(reply.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return code;
    }

    private int command(String line) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (verb) {
            case "EHLO":
                return answer(Step.EHLO, argument, 250, "127.0.0.1\n8BITMIME"
                        + (server.startTls() != null && !tls ? "\nSTARTTLS" : "")
                        + (server.credentials() != null ? "\nAUTH PLAIN LOGIN XOAUTH2" : "")
                        + (server.pipelining() ? "\nPIPELINING" : "")
                        + (server.chunking() ? "\nCHUNKING" : "")
                        + (server.smtpUtf8() ? "\nSMTPUTF8" : ""));
            case "STARTTLS":
                return startTls();
            case "AUTH":
                return SmtpAuth.authenticate(this, argument);
            case "HELO":
                return answer(Step.HELO, argument, 250, "127.0.0.1");
            case "MAIL":
                return mail(argument);
            case "RCPT":
                return rcpt(argument);
            case "DATA":
                return data();
            case "BDAT":
                return server.chunking() ? bdat(argument) : write(502, "5.5.2 command not recognized");
            case "RSET":
                endTransaction();
                return answer(Step.RSET, argument, 250, "2.0.0 Ok");
            case "NOOP":
                return answer(Step.NOOP, argument, 250, "2.0.0 Ok");
            case "QUIT":
                answer(Step.QUIT, argument, 221, "2.0.0 Bye");
                return CLOSED;
            default:
                return write(502, "5.5.2 command not recognized");
        }
    }

    private int mail(String argument) throws IOException {
        if (mailFrom != null) { // as Postfix: a transaction is open (RFC 5321 section 4.1.4: RSET or the data ends it)
            return write(503, "5.5.1 Error: nested MAIL command");
        }
        int code = answer(Step.MAIL, argument, 250, "2.1.0 Ok");
        if (isOk(code)) {
            endTransaction();
            mailFrom = address(argument);
        }
        return code;
    }

    private int rcpt(String argument) throws IOException {
        boolean ready = mailFrom != null;
        int code = answer(Step.RCPT, argument, ready ? 250 : 503, ready ? "2.1.5 Ok" : "5.5.1 MAIL first");
        if (isOk(code)) {
            recipients.add(address(argument));
        }
        return code;
    }

    private int data() throws IOException {
        boolean ready = !recipients.isEmpty();
        int code = answer(Step.DATA, "", ready ? 354 : 554,
                ready ? "End data with <CR><LF>.<CR><LF>" : "5.5.1 no valid recipients");
        if (code != 354) {
            return code;
        }
        ScriptRule rule = server.ruleFor(Step.MESSAGE, "");
        if (rule != null && rule.drops()) {
            readLine();
            return CLOSED;
        }
        Message message = new Message(mailFrom, List.copyOf(recipients), readContent(), tls);
        endTransaction();
        // Recorded before the reply, so a client that has the reply also finds the message.
        if (isOk(rule != null ? rule.code() : 250)) {
            server.record(message);
        }
        return rule != null ? rule.perform(this) : write(250, "2.0.0 Ok: queued as " + server.nextQueueId());
    }

    /** {@code BDAT <n> [LAST]}: reads the chunk whatever the answer, as RFC 3030 requires. */
    private int bdat(String argument) throws IOException {
        String[] parts = argument.split(" +");
        long size;
        try {
            size = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return write(501, "5.5.4 BDAT needs a size");
        }
        boolean last = parts.length > 1 && parts[1].equalsIgnoreCase("LAST");
        if (size < 0 || chunks.size() + size > MAX_MESSAGE) {
            write(552, "5.3.4 message too large");
            return CLOSED;
        }
        byte[] chunk = in.readNBytes((int) size);
        if (chunk.length < size) {
            throw new IOException("connection closed in the middle of BDAT");
        }
        if (mailFrom == null || recipients.isEmpty()) {
            chunks.reset();
            return mailFrom == null ? write(503, "5.5.1 MAIL first") : write(554, "5.5.1 no valid recipients");
        }
        chunks.write(chunk);
        if (!last) {
            return write(250, "2.0.0 " + size + " bytes received");
        }
        ScriptRule rule = server.ruleFor(Step.MESSAGE, "");
        if (rule != null && rule.drops()) {
            return CLOSED;
        }
        Message message = new Message(mailFrom, List.copyOf(recipients), chunks.toByteArray(), tls);
        endTransaction();
        if (isOk(rule != null ? rule.code() : 250)) {
            server.record(message);
        }
        return rule != null ? rule.perform(this) : write(250, "2.0.0 Ok: queued as " + server.nextQueueId());
    }

    private int startTls() throws IOException {
        if (server.startTls() == null || tls) {
            return write(502, "5.5.1 STARTTLS not offered");
        }
        write(220, "2.0.0 Ready to start TLS");
        streams(server.upgrade(socket, server.startTls()));
        tls = true;
        endTransaction();
        return 220;
    }

    /** @return whether the connection is encrypted now */
    boolean tls() {
        return tls;
    }

    ScriptedSmtpServer server() {
        return server;
    }

    /** @return the next line without its line end, or {@code null} at the end of input */
    String readTextLine() throws IOException {
        byte[] line = readLine();
        return line == null ? null : new String(line, StandardCharsets.ISO_8859_1).strip();
    }

    private int answer(Step step, String argument, int defaultCode, String defaultText) throws IOException {
        ScriptRule rule = server.ruleFor(step, argument);
        return rule != null ? rule.perform(this) : write(defaultCode, defaultText);
    }

    private void endTransaction() {
        mailFrom = null;
        recipients.clear();
        chunks.reset();
    }

    /** @return the next line with its line end, or {@code null} at the end of input */
    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b; (b = in.read()) >= 0; ) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    /** @return the content up to the final dot, dot-unstuffed */
    private byte[] readContent() throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] line; (line = readLine()) != null; ) {
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (text.equals(".\r\n") || text.equals(".\n")) {
                return content.toByteArray();
            }
            int skip = line[0] == '.' ? 1 : 0;
            content.write(line, skip, line.length - skip);
            if (content.size() > MAX_MESSAGE) {
                throw new IOException("message larger than " + MAX_MESSAGE + " bytes");
            }
        }
        throw new IOException("connection closed in the middle of DATA");
    }

    private static boolean isOk(int code) {
        return code >= 200 && code < 300;
    }

    /** @return the address in {@code FROM:<a@b> SIZE=1} or {@code TO:<a@b>}, without brackets */
    private static String address(String argument) {
        int colon = argument.indexOf(':');
        String path = (colon < 0 ? argument : argument.substring(colon + 1)).strip();
        int end = path.indexOf('>');
        return path.startsWith("<") && end > 0 ? path.substring(1, end) : path.split(" ", 2)[0];
    }
}
