package io.mailroom.adapter.smtp.pipelining;

import java.nio.charset.Charset;
import java.util.List;

/**
 * The bytes of one pipelined write: the previous message and its final dot held back (if any), the
 * commands, each with its CRLF, and the content after the last one; without the final CRLF, which
 * Angus's private {@code sendCommand(byte[])} adds before it flushes. Built into one array of the
 * exact size, as every pipelined message goes through here. Written by hand: Angus writes one
 * command per call and has nothing that joins them.
 */
final class CommandGroup {
    private static final byte[] CRLF = {'\r', '\n'};

    private CommandGroup() {
    }

    /**
     * @param heldBack the previous message and its dot, without their final CRLF; or {@code null}
     * @param commands the commands, in order
     * @param content what follows the last command (a chunk ending in CRLF); or {@code null}
     * @param charset how Angus encodes commands on this session
     */
    static byte[] withoutFinalCrlf(byte[] heldBack, List<String> commands, byte[] content, Charset charset) {
        byte[][] encoded = new byte[commands.size()][];
        int size = heldBack == null ? 0 : heldBack.length + CRLF.length;
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = commands.get(i).getBytes(charset);
            size += encoded[i].length + CRLF.length;
        }
        size += content == null ? 0 : content.length;
        byte[] out = new byte[size - CRLF.length];
        int at = 0;
        if (heldBack != null) {
            at = put(out, at, heldBack);
            at = put(out, at, CRLF);
        }
        for (byte[] command : encoded) {
            at = put(out, at, command);
            at = put(out, at, CRLF);
        }
        if (content != null) {
            put(out, at, content);
        }
        return out;
    }

    /** Copies what fits: the last CRLF of the whole group falls off the end. */
    private static int put(byte[] out, int at, byte[] bytes) {
        int n = Math.min(bytes.length, out.length - at);
        System.arraycopy(bytes, 0, out, at, n);
        return at + n;
    }
}
