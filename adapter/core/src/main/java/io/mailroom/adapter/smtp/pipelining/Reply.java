package io.mailroom.adapter.smtp.pipelining;

/**
 * One command of a pipelined group and the server's reply to it.
 *
 * @param command the command as sent, for exceptions
 * @param code the reply code; -1 if the connection closed before the reply
 * @param text the whole reply text
 */
record Reply(String command, int code, String text) {
    /** Angus Mail's reply code for a connection closed by the server. */
    static final int EOF = -1;

    boolean positive() {
        return code >= 200 && code < 300;
    }

    boolean eof() {
        return code == EOF;
    }
}
