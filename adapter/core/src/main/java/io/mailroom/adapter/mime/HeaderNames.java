package io.mailroom.adapter.mime;

import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header names {@link IndexedHeaders} looks up: each case-folded as
 * {@link String#equalsIgnoreCase} compares names, with the index of its placeholder slot in
 * {@code new InternetHeaders()}. The names used in composing and sending are known in their usual
 * spellings, so looking them up folds and allocates nothing. Hand-written with
 * {@link IndexedHeaders}.
 */
final class HeaderNames {
    /** A header name case-folded, and the index of its placeholder, or -1. */
    record Name(String key, int placeholder) {
    }

    /** The placeholder names of {@code new InternetHeaders()}, in its order: read from Jakarta Mail's own list. */
    static final List<String> PLACEHOLDERS = new PlaceholderNames().names();
    /** The placeholders' names differ case-insensitively (they do in Jakarta Mail 2.1). */
    static final boolean DISTINCT;
    /** The index of the {@code ":"} placeholder, before which {@code addHeader} puts a new name; -1 if none. */
    static final int MARKER;
    private static final Map<String, Integer> PLACEHOLDER_BY_KEY = new HashMap<>();
    private static final Map<String, Name> KNOWN = new HashMap<>();

    static {
        boolean distinct = true;
        for (int i = 0; i < PLACEHOLDERS.size(); i++) {
            distinct &= PLACEHOLDER_BY_KEY.putIfAbsent(fold(PLACEHOLDERS.get(i)), i) == null;
        }
        DISTINCT = distinct;
        MARKER = PLACEHOLDER_BY_KEY.getOrDefault(":", -1);
        List<String> spellings = new ArrayList<>();
        for (String name : PLACEHOLDERS) {
            spellings.addAll(List.of(name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)));
        }
        spellings.addAll(List.of("Message-ID", "Content-Disposition", "Content-ID", "Content-Description",
                "Content-Language", "Content-Location", "X-Priority", "Importance", "Disposition-Notification-To",
                "Return-Receipt-To", "Newsgroups", "X-Mailer", "List-Unsubscribe"));
        for (String spelling : spellings) {
            KNOWN.put(spelling, folded(fold(spelling)));
        }
    }

    private HeaderNames() {
    }

    /** @return {@code name} case-folded, with its placeholder */
    static Name of(String name) {
        Name known = KNOWN.get(name);
        return known != null ? known : folded(fold(name));
    }

    private static Name folded(String key) {
        return new Name(key, PLACEHOLDER_BY_KEY.getOrDefault(key, -1));
    }

    /**
     * A name case-folded: two names fold alike exactly when {@link String#equalsIgnoreCase}
     * holds (for names without surrogate pairs: header names are ASCII).
     */
    private static String fold(String name) {
        StringBuilder folded = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char f = Character.toLowerCase(Character.toUpperCase(c));
            if (f != c && folded == null) {
                folded = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (folded != null) {
                folded.append(f);
            }
        }
        return folded != null ? folded.toString() : name;
    }

    /** Reads the placeholder names of {@code new InternetHeaders()} from its list, which only a subclass can see. */
    private static final class PlaceholderNames extends InternetHeaders {
        List<String> names() {
            List<String> names = new ArrayList<>();
            for (InternetHeader placeholder : headers) {
                names.add(placeholder.getName());
            }
            return List.copyOf(names);
        }
    }
}
