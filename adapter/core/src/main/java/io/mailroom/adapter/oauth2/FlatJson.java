package io.mailroom.adapter.oauth2;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the members of a JSON object whose values that matter are strings, numbers and booleans,
 * as OAuth 2.0 token responses are (RFC 6749 section 5.1). Nested objects and arrays are checked
 * for syntax and left out. Strict JSON (RFC 8259): anything else is an {@link IllegalArgumentException}
 * that says where, never what the text was (it may hold a token).
 *
 * <p>Here rather than a JSON library: the resource adapter cannot count on Jakarta JSON
 * Processing in every server it is deployed to, and a token response needs no more than this.
 */
public final class FlatJson {
    private static final int MAX_DEPTH = 32;
    /** Stands for a nested object or array, which the result leaves out. */
    private static final Object NESTED = new Object();

    private final String text;
    private int pos;

    private FlatJson(String text) {
        this.text = text;
    }

    /**
     * @param text a JSON object
     * @return its members: {@link String}, {@link BigDecimal}, {@link Boolean}, or {@code null} for JSON null;
     *         nested objects and arrays are absent
     * @throws IllegalArgumentException if the text is not one JSON object
     */
    public static Map<String, Object> parseObject(String text) {
        FlatJson parser = new FlatJson(text);
        parser.skipWhitespace();
        if (!parser.peek('{')) {
            throw parser.error("expected an object");
        }
        Map<String, Object> members = parser.object(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the object");
        }
        return members;
    }

    private Map<String, Object> object(int depth) {
        expect('{');
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (consume('}')) {
            return members;
        }
        do {
            skipWhitespace();
            String name = string();
            skipWhitespace();
            expect(':');
            Object value = value(depth + 1);
            if (value != NESTED) {
                members.put(name, value);
            }
            skipWhitespace();
        } while (consume(','));
        expect('}');
        return members;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '"':
                return string();
            case '{':
                object(depth);
                return NESTED;
            case '[':
                array(depth);
                return NESTED;
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    private void array(int depth) {
        expect('[');
        skipWhitespace();
        if (consume(']')) {
            return;
        }
        do {
            value(depth + 1);
            skipWhitespace();
        } while (consume(','));
        expect(']');
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                out.append(escape());
            } else if (c < 0x20) {
                throw error("control character in a string");
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("unterminated escape");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case '"': case '\\': case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (pos + 4 > text.length()) {
                    throw error("short \\u escape");
                }
                try {
                    char unicode = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                    pos += 4;
                    return unicode;
                } catch (NumberFormatException e) {
                    throw error("bad \\u escape");
                }
            default:
                throw error("bad escape");
        }
    }

    private BigDecimal number() {
        int start = pos;
        consume('-');
        if (consume('0')) {
            // no more integer digits after a leading zero
        } else if (!digits()) {
            throw error("expected a value");
        }
        if (consume('.') && !digits()) {
            throw error("expected digits after the decimal point");
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            if (!digits()) {
                throw error("expected digits in the exponent");
            }
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        return pos > start;
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not a JSON object: " + what + " at offset " + pos);
    }
}
