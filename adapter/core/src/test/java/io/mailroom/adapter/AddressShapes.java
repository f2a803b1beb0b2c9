package io.mailroom.adapter;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Addresses for the wire-safety properties, each with what it must become: one well-formed
 * address whose parts are hostile ({@code "name" <local@domain>} with a quoted, hostile local part
 * or display name, or a non-ASCII domain), a list or group given as one string, or plain hostile
 * text.
 *
 * @param text what the caller passes
 * @param spec the addr-spec it must become, or {@code null} if it must be refused
 * @param name the display name it must carry ("" for none)
 */
record AddressShapes(String text, String spec, String name) {

    boolean refused() {
        return spec == null;
    }

    /**
     * Angus Mail's address parser refuses some valid quoted local parts (a quoted-pair backslash
     * before the closing quote: "Unterminated quote"). Refusing those is safe; it is allowed.
     */
    boolean mayBeRefused() {
        return spec != null && spec.startsWith("\"") && spec.substring(0, spec.lastIndexOf('@')).contains("\\");
    }

    boolean needsSmtpUtf8() {
        return spec != null && !HostileText.isAscii(spec);
    }

    /** @return well-formed addresses with hostile parts; refused exactly when a part breaks the address rules */
    static Arbitrary<AddressShapes> wellFormed() {
        Arbitrary<String> local = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)),
                net.jqwik.api.Tuple.of(2, HostileText.mostlySendableAddressPart().map(s -> s.replaceAll("[^\\x00-\\x7f]", ""))
                        .filter(s -> !s.isEmpty()).map(HostileText::quoted)),
                net.jqwik.api.Tuple.of(1, HostileText.mostlySendableAddressPart().filter(s -> !s.isEmpty()).map(HostileText::quoted)));
        Arbitrary<String> domain = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(7, Arbitraries.of("example.test", "receiver.test")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("例え.jp", "müller.example")));
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.just(""), HostileText.mostlySendableAddressPart());
        return Combinators.combine(local, domain, name).as((l, d, n) -> {
            String spec = l + "@" + d;
            String text = n.isEmpty() ? spec : HostileText.quoted(n) + " <" + spec + ">";
            boolean refused = HostileText.addressRefused(text) || spec.getBytes(StandardCharsets.UTF_8).length > 254;
            return new AddressShapes(text, refused ? null : spec, n);
        });
    }

    /** @return lists, groups and raw hostile text: refused, or exactly one address */
    static Arbitrary<AddressShapes> malformed() {
        Arbitrary<AddressShapes> lists = Combinators.combine(wellFormed(), wellFormed())
                .as((a, b) -> new AddressShapes(a.text() + ", " + b.text(), null, ""));
        Arbitrary<AddressShapes> groups = wellFormed().map(a -> new AddressShapes("team: " + a.text() + ";", null, ""));
        Arbitrary<AddressShapes> raw = HostileText.strings().map(s -> new AddressShapes(s, "?", ""));
        return Arbitraries.oneOf(lists, groups, raw);
    }
}
