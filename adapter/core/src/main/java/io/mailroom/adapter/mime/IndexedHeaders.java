package io.mailroom.adapter.mime;

import jakarta.mail.Header;
import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Jakarta Mail's {@link InternetHeaders}, the same list of header lines in the same order (the
 * placeholder slots of its constructor included, and where {@code setHeader}, {@code addHeader}
 * and {@code removeHeader} put or clear a line), but each name's lines are found through a map
 * instead of a scan of the whole list. {@code InternetHeaders} compares the name with every slot
 * (~30 placeholders plus the lines set) on each get, set and remove: in a profile of direct sends
 * those scans were over a fifth of the Java samples, as composing and sending one message asks
 * the headers some fifty times.
 *
 * <p>Hand-written, as no library offers it: every public method of {@code InternetHeaders} 2.1 is
 * overridden with its behaviour (the inherited list is left empty); names match as
 * {@link String#equalsIgnoreCase} matches them. {@code IndexedHeadersTest} runs the same
 * operations on both and compares the lines.
 */
final class IndexedHeaders extends InternetHeaders {
    /** The lower-case forms of the names composing and sending use, so looking them up allocates nothing. */
    private static final Map<String, String> KNOWN_KEYS = new HashMap<>();

    static {
        for (String name : new String[] {"Return-Path", "Received", "Date", "From", "Sender", "Reply-To", "To", "Cc",
                "Bcc", "Message-Id", "Message-ID", "In-Reply-To", "References", "Subject", "MIME-Version",
                "Mime-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-ID",
                "Content-Id", "Content-Description", "Content-Language", "Content-MD5", "Content-Location",
                "Content-Length", "Newsgroups", "X-Priority", "Importance", "Disposition-Notification-To",
                "Return-Receipt-To"}) {
            KNOWN_KEYS.put(name, name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One header line, or a placeholder (or removed) slot when {@code line} is {@code null}. */
    private static final class Slot {
        final String name;
        String line;
        /** The next slot of the same name, in list order. */
        Slot next;

        Slot(String name, String line) {
            this.name = name;
            this.line = line;
        }
    }

    /** Every slot in order, as {@code InternetHeaders.headers} holds them. */
    private final List<Slot> slots = new ArrayList<>(40);
    /** For each name (case-folded), its first slot; the rest follow through {@link Slot#next}. */
    private final Map<String, Slot> firstByName = new HashMap<>(64);

    /** Empty but for the placeholder slots of {@code new InternetHeaders()}, in its order. */
    IndexedHeaders() {
        super(); // adds the placeholders to the inherited list: copied from there, so they are this version's own
        for (InternetHeader placeholder : headers) {
            append(new Slot(placeholder.getName(), null));
        }
        headers = List.of();
    }

    @Override
    public String[] getHeader(String name) {
        Slot first = firstByName.get(key(name));
        int count = 0;
        for (Slot s = first; s != null; s = s.next) {
            if (s.line != null) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        String[] values = new String[count];
        int i = 0;
        for (Slot s = first; s != null; s = s.next) {
            if (s.line != null) {
                values[i++] = value(s.line);
            }
        }
        return values;
    }

    /** As {@code InternetHeaders}: the first slot of the name gets the line (keeping a present line's name), the others go. */
    @Override
    public void setHeader(String name, String value) {
        Slot first = firstByName.get(key(name));
        if (first == null) {
            addHeader(name, value);
            return;
        }
        int colon;
        if (first.line != null && (colon = first.line.indexOf(':')) >= 0) {
            first.line = first.line.substring(0, colon + 1) + " " + value;
        } else {
            first.line = name + ": " + value;
        }
        for (Slot s = first.next; s != null; s = s.next) {
            slots.remove(indexOf(s));
        }
        first.next = null;
    }

    /**
     * As {@code InternetHeaders}: after the last slot of the name, else before the {@code ":"}
     * placeholder, else at the end; {@code Received} and {@code Return-Path} before the first
     * slot of the name, else at the top.
     */
    @Override
    public void addHeader(String name, String value) {
        String key = key(name);
        Slot added = new Slot(name, value != null ? name + ": " + value : null);
        Slot first = firstByName.get(key);
        if (name.equalsIgnoreCase("Received") || name.equalsIgnoreCase("Return-Path")) {
            slots.add(first != null ? indexOf(first) : 0, added);
            added.next = first;
            firstByName.put(key, added);
            return;
        }
        if (first != null) {
            Slot last = first;
            while (last.next != null) {
                last = last.next;
            }
            slots.add(indexOf(last) + 1, added);
            last.next = added;
            return;
        }
        Slot marker = firstByName.get(":");
        slots.add(marker != null ? indexOf(marker) : slots.size(), added);
        firstByName.put(key, added);
    }

    /** As {@code InternetHeaders}: the slots stay, empty. */
    @Override
    public void removeHeader(String name) {
        for (Slot s = firstByName.get(key(name)); s != null; s = s.next) {
            s.line = null;
        }
    }

    @Override
    public void addHeaderLine(String line) {
        if (line.isEmpty()) {
            return; // as InternetHeaders: an empty line is ignored
        }
        char c = line.charAt(0);
        if (c == ' ' || c == '\t') {
            Slot last = slots.get(slots.size() - 1);
            last.line += "\r\n" + line;
            return;
        }
        int colon = line.indexOf(':');
        append(new Slot(colon < 0 ? line.trim() : line.substring(0, colon).trim(), line));
    }

    @Override
    public Enumeration<Header> getAllHeaders() {
        return new Matching<>(null, false, false);
    }

    @Override
    public Enumeration<Header> getMatchingHeaders(String[] names) {
        return new Matching<>(names, true, false);
    }

    @Override
    public Enumeration<Header> getNonMatchingHeaders(String[] names) {
        return new Matching<>(names, false, false);
    }

    @Override
    public Enumeration<String> getAllHeaderLines() {
        return getNonMatchingHeaderLines(null);
    }

    @Override
    public Enumeration<String> getMatchingHeaderLines(String[] names) {
        return new Matching<>(names, true, true);
    }

    @Override
    public Enumeration<String> getNonMatchingHeaderLines(String[] names) {
        return new Matching<>(names, false, true);
    }

    private void append(Slot slot) {
        slots.add(slot);
        Slot first = firstByName.putIfAbsent(key(slot.name), slot);
        if (first != null) {
            while (first.next != null) {
                first = first.next;
            }
            first.next = slot;
        }
    }

    private int indexOf(Slot slot) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) == slot) {
                return i;
            }
        }
        throw new IllegalStateException("slot not in the list: " + slot.name);
    }

    /** {@code InternetHeader.getValue}: the text after the colon and the white space after it. */
    private static String value(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return line;
        }
        int start = colon + 1;
        while (start < line.length()) {
            char c = line.charAt(start);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                break;
            }
            start++;
        }
        return line.substring(start);
    }

    /**
     * The map key of a name: two names have the same key exactly when
     * {@link String#equalsIgnoreCase} holds (each character upper-cased, then lower-cased).
     */
    static String key(String name) {
        String known = KNOWN_KEYS.get(name);
        if (known != null) {
            return known;
        }
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

    /** {@code InternetHeaders.MatchEnum}: the filled slots whose name is (or is not) one of {@code names}, in order. */
    private final class Matching<T> implements Enumeration<T> {
        private final String[] names;
        private final boolean match;
        private final boolean lines;
        private int index;
        private Slot next;

        Matching(String[] names, boolean match, boolean lines) {
            this.names = names;
            this.match = match;
            this.lines = lines;
        }

        @Override
        public boolean hasMoreElements() {
            if (next == null) {
                next = nextMatch();
            }
            return next != null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T nextElement() {
            if (!hasMoreElements()) {
                throw new NoSuchElementException("No more headers");
            }
            Slot s = next;
            next = null;
            return (T) (lines ? s.line : new Header(s.name, value(s.line)));
        }

        private Slot nextMatch() {
            while (index < slots.size()) {
                Slot s = slots.get(index++);
                if (s.line != null && named(s) == match) {
                    return s;
                }
            }
            return null;
        }

        private boolean named(Slot s) {
            if (names != null) {
                for (String name : names) {
                    if (name.equalsIgnoreCase(s.name)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
