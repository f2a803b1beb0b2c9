package io.mailroom.adapter.mime.tnef;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The message body as RTF for PR_RTF_COMPRESSED, which older Outlook versions read from TNEF
 * before PR_HTML. An HTML body is encapsulated (MS-OXRTFEX: {@code \fromhtml1}, the whole HTML in
 * one {@code \*\htmltag} destination, which de-encapsulation copies out verbatim); a text body
 * becomes plain RTF paragraphs. The RTF is ASCII: backslash and braces are escaped, line breaks
 * are {@code \par}, and characters beyond ASCII are RTF Unicode escapes (backslash, {@code u},
 * the UTF-16 unit as a signed number, {@code ?}).
 *
 * <p>It is stored as MS-OXRTFCP {@code LZFu} made only of literal runs (a control byte of zeros
 * before every 8 bytes, then the end-of-stream reference to the current dictionary position), with
 * the CRC the format requires. That is valid LZFu that any decompressor reads, without writing a
 * compressor. Not the uncompressed {@code MELA} form the spec also allows: Debian's {@code tnef}
 * 1.4 reads that 12 bytes off.
 */
final class RtfBody {
    private static final int COMPTYPE_LZFU = 0x75465A4C;
    /** Length of the dictionary's preloaded RTF prefix (MS-OXRTFCP 2.1.2.1): where writing starts. */
    private static final int DICTIONARY_START = 207;
    private static final int DICTIONARY_SIZE = 4096;

    private RtfBody() {
    }

    /** @return PR_RTF_COMPRESSED for the HTML if there is one, else for the text; {@code null} for neither */
    static byte[] compressedRtf(String text, String html) {
        String rtf;
        if (html != null) {
            rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}"
                    + "{\\*\\htmltag64 " + escape(html) + "}}";
        } else if (text != null) {
            rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\\f0\\fs20 " + escape(text) + "}";
        } else {
            return null;
        }
        byte[] raw = rtf.getBytes(StandardCharsets.US_ASCII);
        byte[] compressed = literalRuns(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length + 16);
        TnefStream.writeInt(out, compressed.length + 12);
        TnefStream.writeInt(out, raw.length);
        TnefStream.writeInt(out, COMPTYPE_LZFU);
        TnefStream.writeInt(out, crc(compressed));
        out.write(compressed, 0, compressed.length);
        return out.toByteArray();
    }

    /** Every byte a literal; after the last, a reference to the write position, which ends the stream. */
    private static byte[] literalRuns(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 8 + 3);
        int i = 0;
        while (i + 8 <= raw.length) {
            out.write(0);
            out.write(raw, i, 8);
            i += 8;
        }
        int rest = raw.length - i;
        out.write(1 << rest);
        out.write(raw, i, rest);
        int end = (DICTIONARY_START + raw.length) % DICTIONARY_SIZE;
        out.write(end >>> 4);
        out.write((end & 0x0F) << 4);
        return out.toByteArray();
    }

    /** MS-OXRTFCP's CRC-32: the usual polynomial, but starting at 0 and without the final inversion. */
    private static int crc(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1));
            }
        }
        return crc;
    }

    static String escape(String value) {
        StringBuilder rtf = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '{' || c == '}') {
                rtf.append('\\').append(c);
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                rtf.append("\\par\n");
            } else if (c == '\t') {
                rtf.append("\\tab ");
            } else if (c < 0x20) {
                continue;
            } else if (c < 0x80) {
                rtf.append(c);
            } else {
                rtf.append("\\u").append((int) (short) c).append('?');
            }
        }
        return rtf.toString();
    }
}
