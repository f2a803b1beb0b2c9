package io.mailroom.adapter.signing.dkim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a connection factory signs with DKIM: its keys (several per domain allowed, for example one
 * RSA and one Ed25519), the header fields to sign, oversigning, and the canonicalization.
 *
 * @param keys the keys; empty means no DKIM signature
 * @param headers header names to sign where present, {@code From} first
 * @param oversign whether {@code From}, {@code To} and {@code Subject} are signed once more than
 *                 they occur, so that a second one added in transit breaks the signature
 * @param headerCanonicalization for the header fields
 * @param bodyCanonicalization for the body
 */
public record DkimSettings(List<DkimKey> keys, List<String> headers, boolean oversign,
                           Canonicalization headerCanonicalization, Canonicalization bodyCanonicalization) {
    /** The default header list: what identifies and shapes a message; From is always signed. */
    public static final String DEFAULT_HEADERS = "From,Reply-To,Subject,Date,To,Cc,Message-ID,In-Reply-To,References,"
            + "MIME-Version,Content-Type,Content-Transfer-Encoding";
    static final List<String> OVERSIGNED = List.of("from", "to", "subject");

    /** No keys: messages leave without a DKIM signature. */
    public static final DkimSettings NONE = new DkimSettings(List.of(), List.of("from"), false,
            Canonicalization.RELAXED, Canonicalization.RELAXED);

    public DkimSettings {
        keys = List.copyOf(keys);
        headers = List.copyOf(headers);
    }

    /**
     * @param keys the {@code dkimKeys} setting: comma-separated {@code selector@domain=path}
     * @param headers the {@code dkimHeaders} setting: comma- or colon-separated names
     * @param oversign the {@code dkimOversign} setting
     * @param canonicalization the {@code dkimCanonicalization} setting, {@code header/body}
     * @return the settings
     * @throws IllegalArgumentException with the setting's name and a MAILROOM id
     */
    public static DkimSettings parse(String keys, String headers, boolean oversign, String canonicalization) {
        List<DkimKey> parsed = new ArrayList<>();
        if (keys != null && !keys.isBlank()) {
            for (String entry : keys.split(",")) {
                if (!entry.isBlank()) {
                    parsed.add(DkimKey.parse(entry));
                }
            }
        }
        Set<String> names = new LinkedHashSet<>();
        names.add("from");
        String list = headers == null || headers.isBlank() ? DEFAULT_HEADERS : headers;
        for (String name : list.split("[,:]")) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            if (!n.chars().allMatch(c -> c > 32 && c < 127) || n.equals("dkim-signature")) {
                throw new IllegalArgumentException(DkimMessages.badHeaderName(name.strip()));
            }
            names.add(n);
        }
        String c = canonicalization == null || canonicalization.isBlank() ? "relaxed/relaxed" : canonicalization.strip();
        String[] parts = c.split("/", -1);
        try {
            Canonicalization header = Canonicalization.of(parts[0]);
            Canonicalization body = parts.length > 1 ? Canonicalization.of(parts[1]) : Canonicalization.SIMPLE;
            if (parts.length > 2) {
                throw new IllegalArgumentException(c);
            }
            return new DkimSettings(parsed, List.copyOf(names), oversign, header, body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DkimMessages.badCanonicalization(c), e);
        }
    }

    /**
     * @param fromDomain the domain of the message's From address
     * @return the keys of that domain or of a parent domain (which DMARC's relaxed alignment accepts)
     */
    public List<DkimKey> keysFor(String fromDomain) {
        String domain = fromDomain.toLowerCase(Locale.ROOT);
        return keys.stream().filter(k -> domain.equals(k.domain()) || domain.endsWith("." + k.domain())).toList();
    }
}
