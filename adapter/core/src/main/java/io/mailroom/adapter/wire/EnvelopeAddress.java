package io.mailroom.adapter.wire;

import io.mailroom.api.InvalidEmailException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;

/**
 * One e-mail address from the caller, and the one place that turns an address into the bytes of
 * {@code MAIL FROM} and {@code RCPT TO}.
 *
 * <p>At the call ({@link #parse}): exactly one address per string (a list or a group such as
 * {@code "g: a@x, b@y;"} is refused, so one string is one recipient), RFC 5322 syntax, and no
 * control character anywhere (C0 including CR, LF, NUL and TAB; DEL; C1; U+2028 and U+2029) nor
 * an unpaired surrogate. Non-ASCII is accepted there; whether it can be sent depends on the
 * server: with {@code SMTPUTF8} (RFC 6531) the command carries the parameter and the address
 * goes out as UTF-8; without it the message is refused before {@code MAIL FROM} (see
 * {@link #needsSmtpUtf8}).
 *
 * <p>On the wire ({@link #mailFrom}, {@link #commandBytes}): a command line is refused outright
 * if it holds a control, and is encoded as ASCII, or as UTF-8 only in a transaction that
 * announced SMTPUTF8. A character is never cut to its low byte (what Angus Mail's ASCII path
 * does, and how U+760A became LF).
 */
public final class EnvelopeAddress {
    /** RFC 5321 4.5.3.1.3: a path is at most 256 octets with its angle brackets. */
    private static final int LONGEST_PATH = 254;
    private EnvelopeAddress() {
    }

    /**
     * Parses one address as the caller gave it.
     *
     * @param field the field it was given for ({@code to}, {@code from}, {@code recipients}...)
     * @param value the address, for example {@code "Jürgen Müller <j.mueller@example.de>"}
     * @return the address, with its display name (if any) to be RFC 2047-encoded when written
     * @throws InvalidEmailException naming {@code field} if it is not exactly one valid address
     */
    public static InternetAddress parse(String field, String value) {
        requireClean(field, value);
        InternetAddress[] parsed;
        try {
            // Not strict here: Angus's strict parser refuses every non-ASCII address unless a
            // JVM-wide system property says otherwise; syntax is checked below on an ASCII stand-in.
            parsed = InternetAddress.parseHeader(value, false);
        } catch (AddressException e) {
            throw invalid(field, value, e);
        }
        if (parsed.length != 1) {
            throw new InvalidEmailException(field, WireMessages.notOneAddress(field, parsed.length));
        }
        InternetAddress address = parsed[0];
        if (address.isGroup()) {
            throw new InvalidEmailException(field, WireMessages.group(field));
        }
        String spec = address.getAddress();
        try {
            // Strict: parsed and checked as validate() would check it (which would only repeat the check).
            new InternetAddress(asciiStandIn(spec), true);
        } catch (AddressException e) {
            throw invalid(field, value, e);
        }
        if (spec.startsWith("<") || spec.endsWith(">") || spec.indexOf('@') <= 0
                || spec.getBytes(StandardCharsets.UTF_8).length > LONGEST_PATH) {
            throw invalid(field, value, new AddressException("not an addr-spec", spec));
        }
        String literal = quotedPhrase(value);
        return withName(spec, literal != null ? literal : address.getPersonal());
    }

    /**
     * The display name of {@code "quoted name" <addr>}, taken literally: RFC 2047 (section 5)
     * does not allow encoded words inside a quoted string, but Angus decodes them there. Written
     * by hand because Angus keeps the raw phrase in a protected field only.
     *
     * @return the unescaped content of a leading quoted string followed by {@code <}, or {@code null}
     */
    private static String quotedPhrase(String value) {
        String v = value.strip();
        if (!v.startsWith("\"")) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                name.append(v.charAt(++i));
            } else if (c == '"') {
                return v.substring(i + 1).stripLeading().startsWith("<") ? name.toString() : null;
            } else {
                name.append(c);
            }
        }
        return null;
    }

    /**
     * An address known to be checked already (an outbox entry), for the transport.
     *
     * @param spec the addr-spec, without angle brackets
     * @return it as an {@link InternetAddress}, without validation (which would refuse non-ASCII)
     */
    public static InternetAddress checked(String spec) {
        InternetAddress address = new InternetAddress();
        address.setAddress(spec);
        return address;
    }

    /**
     * @param spec an addr-spec
     * @return {@code true} if it has a non-ASCII character, so it can go only to a server that
     *         offers SMTPUTF8
     */
    public static boolean needsSmtpUtf8(String spec) {
        if (spec == null) {
            return false;
        }
        for (int i = 0; i < spec.length(); i++) { // not chars().anyMatch: a stream per address, on every message
            if (spec.charAt(i) > 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param spec the envelope sender, an addr-spec already {@link #parse parsed}; empty for the null sender
     * @param smtpUtf8 whether this transaction uses SMTPUTF8 (the server offered it and the
     *                 message needs it)
     * @return the bytes of the {@code MAIL FROM} command, without CRLF
     * @throws MessagingException if the command could not be sent safely
     */
    public static byte[] mailFrom(String spec, boolean smtpUtf8) throws MessagingException {
        return commandBytes("MAIL FROM:<" + spec + ">" + (smtpUtf8 ? " SMTPUTF8" : ""), smtpUtf8);
    }

    /**
     * @param spec an envelope recipient, an addr-spec already {@link #parse parsed}
     * @param smtpUtf8 whether this transaction uses SMTPUTF8
     * @return the bytes of the {@code RCPT TO} command, without CRLF
     * @throws MessagingException if the command could not be sent safely
     */
    public static byte[] rcptTo(String spec, boolean smtpUtf8) throws MessagingException {
        return commandBytes("RCPT TO:<" + spec + ">", smtpUtf8);
    }

    /**
     * The last guard before a command line is written: every command goes through here.
     *
     * @param line the command without CRLF
     * @param utf8 whether non-ASCII may be sent (as UTF-8)
     * @return its bytes
     * @throws MessagingException if it holds a control, or non-ASCII without {@code utf8}
     */
    public static byte[] commandBytes(String line, boolean utf8) throws MessagingException {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (isControl(c) || c > 0x7f && !utf8 || Character.isSurrogate(c) && !validSurrogateAt(line, i)) {
                throw new MessagingException(WireMessages.commandRefused(line));
            }
        }
        return line.getBytes(utf8 ? StandardCharsets.UTF_8 : StandardCharsets.US_ASCII);
    }

    /** @return {@code true} for C0 (CR, LF, NUL, TAB...), DEL, C1 and the Unicode line and paragraph separators */
    static boolean isControl(int c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029;
    }

    private static void requireClean(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                throw new InvalidEmailException(field, WireMessages.control(field, c));
            }
            if (Character.isSurrogate(c)) {
                if (!validSurrogateAt(value, i)) {
                    throw new InvalidEmailException(field, WireMessages.badUnicode(field));
                }
                i++;
            }
        }
    }

    static boolean validSurrogateAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                || Character.isLowSurrogate(s.charAt(i)) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The addr-spec with each non-ASCII code point replaced by one letter, for Angus's syntax check. */
    private static String asciiStandIn(String spec) {
        if (!needsSmtpUtf8(spec)) {
            return spec; // nearly every address: no copy
        }
        StringBuilder b = new StringBuilder(spec.length());
        spec.codePoints().forEach(c -> b.append(c > 0x7f ? 'u' : (char) c));
        return b.toString();
    }

    private static InternetAddress withName(String spec, String name) {
        return name == null || name.isEmpty() ? checked(spec) : new NamedAddress(spec, name);
    }

    private static InvalidEmailException invalid(String field, String value, AddressException e) {
        return new InvalidEmailException(field, WireMessages.invalidAddress(field, value, e.getMessage()), e);
    }

    /** An address whose display name is written by {@link HeaderText}: encoded, never as raw 8-bit. */
    private static final class NamedAddress extends InternetAddress {
        private static final long serialVersionUID = 1L;

        NamedAddress(String spec, String name) {
            setAddress(spec);
            this.personal = name;
            this.encodedPersonal = HeaderText.phrase(name);
        }
    }
}
