package io.mailroom.adapter.wire;

import io.mailroom.api.InvalidEmailException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Header values as they go on the wire: plain ASCII text as it is, folded at spaces; anything
 * else as RFC 2047 encoded words (UTF-8, base64), at most 75 characters each, one per line. No
 * line of a header written from here passes 998 octets, and every value decodes back to exactly
 * what the caller gave.
 *
 * <p>"Anything else" is: non-ASCII, a control (only TAB can get here), text that looks like an
 * encoded word ({@code =?}), leading, trailing or doubled spaces (which unfolding and parsers
 * would not keep), and a word too long to fold. The encoder is written here because Angus Mail's
 * {@code MimeUtility.encodeWord} returns all-ASCII text unencoded, which is wrong for the last
 * four cases. File names are RFC 2231 parameters, written here too ({@link #parameter}); folding
 * plain text and the other parameters of a content type are Angus's.
 */
public final class HeaderText {
    /** RFC 2047: an encoded word is at most 75 characters; "=?UTF-8?B?" + "?=" leaves 63, so 45 bytes. */
    private static final int BYTES_PER_WORD = 45;
    private static final int LONGEST_PLAIN_WORD = 900;
    private static final int LONGEST_PLAIN_PHRASE = 200;
    private static final int PLAIN_PARAMETER = 60;
    private static final int SEGMENT = 60;
    /** RFC 2231 attribute-char: what may stand unencoded in an extended parameter value. */
    private static final String ATTRIBUTE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~";

    private HeaderText() {
    }

    /**
     * @param name the header name, for the folding position
     * @param value an unstructured value (Subject, a custom header)
     * @return the value to write after {@code name: }, folded
     */
    public static String unstructured(String name, String value) {
        // Encoded words come folded, one per line: Angus's fold() must not see their CRLFs.
        return isPlain(value, LONGEST_PLAIN_WORD) ? MimeUtility.fold(name.length() + 2, value) : encodedWords(value);
    }

    /**
     * @param name a display name
     * @return it as an RFC 5322 phrase: plain ASCII as it is (quoted by Angus where needed), otherwise encoded words
     */
    public static String phrase(String name) {
        // A phrase is not folded inside: a long one is encoded, which puts each word on a line.
        return name.length() <= LONGEST_PLAIN_PHRASE && isPlain(name, LONGEST_PLAIN_PHRASE) ? name : encodedWords(name);
    }

    /**
     * @param name the header name
     * @param addresses the addresses
     * @return the address list, folded between addresses
     */
    public static String addressList(String name, InternetAddress[] addresses) {
        return InternetAddress.toString(addresses, name.length() + 2);
    }

    /**
     * @param disposition {@code attachment} or {@code inline}
     * @param fileName the file name, any Unicode text
     * @return the Content-Disposition value, the name as an RFC 2231 parameter, folded
     */
    public static String disposition(String disposition, String fileName) {
        return disposition + parameter("filename", fileName);
    }

    /**
     * @param field the field, for a refusal
     * @param type the MIME type the caller gave
     * @param fileName also written as the {@code name} parameter, RFC 2231-encoded
     * @return the Content-Type value, folded
     * @throws InvalidEmailException naming {@code field} if the type does not parse
     */
    public static String contentType(String field, String type, String fileName) {
        for (int i = 0; i < type.length(); i++) {
            if (type.charAt(i) < 0x20 || type.charAt(i) > 0x7e) {
                throw new InvalidEmailException(field, WireMessages.badContentType(field, type, "only printable ASCII"));
            }
        }
        try {
            ContentType ct = new ContentType(type);
            ParameterList others = ct.getParameterList() != null ? ct.getParameterList() : new ParameterList();
            others.remove("name");
            return ct.getBaseType() + others.toString(14 + ct.getBaseType().length()) + parameter("name", fileName);
        } catch (ParseException e) {
            throw new InvalidEmailException(field, WireMessages.badContentType(field, type, e.getMessage()), e);
        }
    }

    /**
     * One parameter on lines of its own: a short plain name as a quoted string, anything else as
     * RFC 2231 continuations of percent-encoded UTF-8, at most ~70 characters a line. By hand,
     * because Angus's ParameterList writes an encoded value on one line however long it is (a
     * file name of 1,000 non-ASCII characters made a 7,208-octet line).
     */
    static String parameter(String name, String value) {
        if (value.length() <= PLAIN_PARAMETER && isPlain(value, PLAIN_PARAMETER)) {
            return ";\r\n\t" + name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        StringBuilder out = new StringBuilder();
        StringBuilder segment = new StringBuilder("UTF-8''");
        int n = 0;
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            String piece = ATTRIBUTE_CHARS.indexOf(c) >= 0 && c < 0x80 ? String.valueOf((char) c) : String.format("%%%02X", c);
            if (segment.length() + piece.length() > SEGMENT) {
                out.append(";\r\n\t").append(name).append('*').append(n++).append("*=").append(segment);
                segment.setLength(0);
            }
            segment.append(piece);
        }
        out.append(";\r\n\t").append(name).append('*').append(n).append("*=").append(segment);
        return out.toString();
    }

    /**
     * @param field the field, for a refusal
     * @param value a token such as a Content-ID
     * @return it, if it is printable ASCII without spaces or angle brackets
     */
    public static String token(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>') {
                throw new InvalidEmailException(field, WireMessages.notToken(field, value));
            }
        }
        return value;
    }

    /**
     * @param field the field, for a refusal
     * @param value a header value, display name or file name
     * @return it, if it holds no control but TAB and no unpaired surrogate
     */
    public static String requireText(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f)) {
                throw new InvalidEmailException(field, WireMessages.control(field, c));
            }
            if (Character.isSurrogate(c) && !EnvelopeAddress.validSurrogateAt(value, i)) {
                throw new InvalidEmailException(field, WireMessages.badUnicode(field));
            }
        }
        return value;
    }

    static boolean isPlain(String value, int longestWord) {
        if (value.isEmpty()) {
            return true;
        }
        if (value.startsWith(" ") || value.endsWith(" ") || value.contains("  ") || value.contains("=?")) {
            return false;
        }
        int word = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
            word = c == ' ' ? 0 : word + 1;
            if (word > longestWord) {
                return false;
            }
        }
        return true;
    }

    /** Whole code points per word, so each word decodes on its own (RFC 2047 section 5). */
    static String encodedWords(String value) {
        StringBuilder out = new StringBuilder(value.length() * 2);
        byte[] chunk = new byte[BYTES_PER_WORD];
        int used = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (used + bytes.length > BYTES_PER_WORD) {
                word(out, chunk, used);
                used = 0;
            }
            System.arraycopy(bytes, 0, chunk, used, bytes.length);
            used += bytes.length;
            i += Character.charCount(cp);
        }
        word(out, chunk, used);
        return out.toString();
    }

    private static void word(StringBuilder out, byte[] chunk, int length) {
        if (out.length() > 0) {
            out.append("\r\n ");
        }
        out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(Arrays.copyOf(chunk, length))).append("?=");
    }
}
