package io.mailroom.adapter.outbox;

import java.nio.charset.StandardCharsets;

/**
 * The header part of a message's first bytes: for {@link Outbox#headers}, so an implementation
 * reads a bounded prefix and cuts it here. Written by hand: Angus Mail's {@code InternetHeaders}
 * would parse (and need) the whole block, where an operator's page wants the bytes as stored.
 */
public final class HeaderPart {
    private HeaderPart() {
    }

    /**
     * @param prefix the first bytes of a message
     * @return the bytes before the first empty line ({@code CRLF CRLF} or {@code LF LF}), decoded
     *         as UTF-8; all of {@code prefix} if it holds no empty line (the headers are longer)
     */
    public static String of(byte[] prefix) {
        int end = prefix.length;
        for (int i = 0; i < prefix.length - 1; i++) {
            if (prefix[i] == '\n' && prefix[i + 1] == '\n') {
                end = i + 1;
                break;
            }
            if (i + 3 < prefix.length && prefix[i] == '\r' && prefix[i + 1] == '\n' && prefix[i + 2] == '\r'
                    && prefix[i + 3] == '\n') {
                end = i + 2;
                break;
            }
        }
        return new String(prefix, 0, end, StandardCharsets.UTF_8);
    }
}
