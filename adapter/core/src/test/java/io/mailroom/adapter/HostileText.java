package io.mailroom.adapter;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generators of hostile text for the wire-safety properties, and the rules that say which of it
 * must be refused. Text is made of "atoms" (so surrogate pairs stay whole unless a lone surrogate
 * is meant): line breaks of every kind, NUL and other controls, characters whose low byte is a
 * control (U+760A, U+760D, U+010A, U+0D0A...), quotes, angle brackets and the other RFC 5322
 * specials, encoded-word look-alikes, Latin, CJK, Arabic and emoji, and long runs of one atom.
 */
final class HostileText {
    static final List<String> ATOMS = List.of(
            "a", "Z", "0", " ", "  ", "\t", ".", ",", ";", ":", "@", "<", ">", "\"", "\\", "(", ")", "[", "]", "=?", "?=",
            "=?UTF-8?B?SGk=?=", "RCPT TO:<victim@evil.test>", "MAIL FROM:<x@evil.test>", "Bcc: victim@evil.test",
            "\r", "\n", "\r\n", "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u2028", "\u2029",
            "\u760A", "\u760D", "\u010A", "\u010D", "\u0A0D", "\u0D0A", "\u0D0D", "\uFF0A", "\u200B", "\uFEFF",
            "ü", "ß", "Jürgen Müller", "山田 太郎", "東京", "مرحبا", "\uD83D\uDE00", "\uD83D", "\uDE00", "é");

    private HostileText() {
    }

    /** @return hostile strings: up to 40 atoms, or a run of one atom up to 1,200 times */
    static Arbitrary<String> strings() {
        Arbitrary<String> mixed = Arbitraries.of(ATOMS).list().ofMaxSize(40).map(atoms -> String.join("", atoms));
        Arbitrary<String> runs = Arbitraries.of(ATOMS).flatMap(atom ->
                Arbitraries.integers().between(50, 1_200).map(atom::repeat));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, mixed), net.jqwik.api.Tuple.of(1, runs));
    }

    /** @return hostile strings, seven in eight of them without what header text must refuse (so most cases go out) */
    static Arbitrary<String> mostlySendableText() {
        return mostly(strings().map(s -> without(s, HostileText::textRefused)));
    }

    /** @return hostile strings, seven in eight of them without what an address must refuse */
    static Arbitrary<String> mostlySendableAddressPart() {
        return mostly(strings().map(s -> without(s, HostileText::addressRefused)));
    }

    private static Arbitrary<String> mostly(Arbitrary<String> sendable) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(7, sendable), net.jqwik.api.Tuple.of(1, strings()));
    }

    /** @return the text without each char (or lone surrogate) that {@code refused} objects to on its own */
    private static String without(String s, java.util.function.Predicate<String> refused) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = loneSurrogate(s, i);
            if (!lone && !(Character.isSurrogate(c) ? false : refused.test(String.valueOf(c)))) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Subject, custom header value, file name: CR, LF, NUL, other C0 controls but TAB, DEL, a lone surrogate. */
    static boolean textRefused(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || loneSurrogate(s, i)) {
                return true;
            }
        }
        return false;
    }

    /** Anything in an address: every C0 control (TAB too), DEL, C1, U+2028, U+2029, a lone surrogate. */
    static boolean addressRefused(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029 || loneSurrogate(s, i)) {
                return true;
            }
        }
        return false;
    }

    static boolean loneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }

    /** @return the text as an RFC 5322 quoted-string */
    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** @return the text with controls and non-ASCII as \\uXXXX, for assertion messages */
    static String visible(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return b.toString();
    }

    static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
