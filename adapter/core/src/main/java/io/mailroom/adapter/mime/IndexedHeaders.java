package io.mailroom.adapter.mime;

import io.mailroom.adapter.mime.HeaderNames.Name;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.InputStream;
import java.util.Arrays;
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
 * <p>The placeholders are read from Jakarta Mail's own list once ({@link HeaderNames}), and
 * shared by every instance until a name is used: a message gets its own copy of a placeholder
 * when it sets, adds or continues a line of that name. So a message allocates less than with
 * {@code InternetHeaders} (the one {@code MimeMessage}'s constructor makes is still made, and
 * dropped).
 *
 * <p>Hand-written, as no library offers it: every public method of {@code InternetHeaders} 2.1 is
 * overridden with its behaviour; names match as {@link String#equalsIgnoreCase} matches them.
 * {@code IndexedHeadersTest} runs the same operations on both and compares everything either
 * answers.
 */
final class IndexedHeaders extends InternetHeaders {
    /** The placeholder slots of {@code new InternetHeaders()}, in its order, shared by every instance and never changed. */
    private static final Slot[] PLACEHOLDERS;
    /** The placeholder of {@code ":"}: where {@code addHeader} puts a name that has no slot yet. */
    /** {@code false} if this version of Jakarta Mail has two placeholders of one name: then it is not used. */
    static final boolean SUPPORTED = HeaderNames.DISTINCT;

    static {
        PLACEHOLDERS = new Slot[HeaderNames.PLACEHOLDERS.size()];
        for (int i = 0; i < PLACEHOLDERS.length; i++) {
            PLACEHOLDERS[i] = new Slot(HeaderNames.PLACEHOLDERS.get(i), i, null);
        }
    }

    /** One header line, or a placeholder (or removed) slot when {@code line} is {@code null}. */
    private static final class Slot {
        final String name;
        /** The index of the placeholder this slot is (or was copied from), or -1. */
        final int placeholder;
        String line;
        /** The next slot of the same name, in list order. */
        Slot next;

        Slot(String name, int placeholder, String line) {
            this.name = name;
            this.placeholder = placeholder;
            this.line = line;
        }
    }

    /** Every slot in order (the first {@link #size}), as {@code InternetHeaders.headers} holds them; shared placeholders until a name is used; {@code null} while {@code InternetHeaders}' constructor runs. */
    private Slot[] slots;
    private int size;
    /** The first slot of each placeholder's name, once the name is used ({@code null}: only the shared placeholder). */
    private final Slot[] firstOfPlaceholder = new Slot[PLACEHOLDERS.length];
    /** The first slot of every other name (by case-folded name); made when the first such name is used. */
    private Map<String, Slot> firstOfOther;

    /** @return headers empty but for the placeholder slots of {@code new InternetHeaders()}, in its order */
    static IndexedHeaders create() {
        try {
            return new IndexedHeaders();
        } catch (MessagingException e) {
            throw new IllegalStateException(e); // not thrown: nothing is read
        }
    }

    private IndexedHeaders() throws MessagingException {
        // Not super(): that fills the inherited list with placeholders of its own, which this class
        // does not use. This constructor makes an empty list and calls load(), which does nothing
        // then (see there), so the stream is never read.
        super(null, false);
        headers = List.of(); // every public method is overridden: the inherited list stays empty
        slots = Arrays.copyOf(PLACEHOLDERS, PLACEHOLDERS.length + 12);
        size = PLACEHOLDERS.length;
    }

    /** As {@code InternetHeaders}; but nothing when called by {@code InternetHeaders}' constructor, before this class's fields exist. */
    @Override
    public void load(InputStream is, boolean allowutf8) throws MessagingException {
        if (slots != null) {
            super.load(is, allowutf8); // reads lines into addHeaderLine
        }
    }

    @Override
    public String[] getHeader(String name) {
        Slot first = existing(HeaderNames.of(name));
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
        Slot first = first(HeaderNames.of(name));
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
            remove(indexOf(s));
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
        Name n = HeaderNames.of(name);
        Slot added = new Slot(name, n.placeholder(), value != null ? name + ": " + value : null);
        Slot first = first(n);
        if (name.equalsIgnoreCase("Received") || name.equalsIgnoreCase("Return-Path")) {
            insert(first != null ? indexOf(first) : 0, added);
            added.next = first;
            setFirst(n, added);
            return;
        }
        if (first != null) {
            Slot last = first;
            while (last.next != null) {
                last = last.next;
            }
            insert(indexOf(last) + 1, added);
            last.next = added;
            return;
        }
        insert(HeaderNames.MARKER >= 0 ? indexOf(slotOf(HeaderNames.MARKER)) : size, added);
        setFirst(n, added);
    }

    /** As {@code InternetHeaders}: the slots stay, empty. */
    @Override
    public void removeHeader(String name) {
        for (Slot s = existing(HeaderNames.of(name)); s != null; s = s.next) {
            s.line = null;
        }
    }

    /** As {@code InternetHeaders}: a line starting with white space continues the last slot's. */
    @Override
    public void addHeaderLine(String line) {
        if (line.isEmpty()) {
            return; // as InternetHeaders: an empty line is ignored
        }
        char c = line.charAt(0);
        if (c == ' ' || c == '\t') {
            Slot last = slots[size - 1];
            if (last.placeholder >= 0 && last == PLACEHOLDERS[last.placeholder]) {
                last = ownPlaceholder(last.placeholder); // a shared placeholder is copied before it changes
            }
            last.line += "\r\n" + line;
            return;
        }
        int colon = line.indexOf(':');
        String name = colon < 0 ? line.trim() : line.substring(0, colon).trim();
        Name n = HeaderNames.of(name);
        Slot added = new Slot(name, n.placeholder(), line);
        Slot first = first(n);
        insert(size, added);
        if (first == null) {
            setFirst(n, added);
        } else {
            while (first.next != null) {
                first = first.next;
            }
            first.next = added;
        }
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

    /** @return the first slot of the name, or {@code null}: a placeholder of the name not yet used has no line */
    private Slot existing(Name n) {
        if (n.placeholder() >= 0) {
            return firstOfPlaceholder[n.placeholder()];
        }
        return firstOfOther == null ? null : firstOfOther.get(n.key());
    }

    /** @return the first slot of the name, a shared placeholder first replaced by a copy of its own; or {@code null} */
    private Slot first(Name n) {
        int p = n.placeholder();
        return p < 0 || firstOfPlaceholder[p] != null ? existing(n) : ownPlaceholder(p);
    }

    /** Replaces the shared slot of placeholder {@code p}, still in place, by a copy of this store's own. */
    private Slot ownPlaceholder(int p) {
        Slot copy = new Slot(PLACEHOLDERS[p].name, p, null);
        slots[indexOf(PLACEHOLDERS[p])] = copy;
        firstOfPlaceholder[p] = copy;
        return copy;
    }

    /** @return the slot of placeholder {@code p} now: this store's own copy, or the shared one */
    private Slot slotOf(int p) {
        return firstOfPlaceholder[p] != null ? firstOfPlaceholder[p] : PLACEHOLDERS[p];
    }

    private void setFirst(Name n, Slot slot) {
        if (n.placeholder() >= 0) {
            firstOfPlaceholder[n.placeholder()] = slot;
        } else {
            if (firstOfOther == null) {
                firstOfOther = new HashMap<>();
            }
            firstOfOther.put(n.key(), slot);
        }
    }

    /** @return where {@code slot} is: looked for from its placeholder's index on (where it mostly is), then before */
    private int indexOf(Slot slot) {
        int hint = Math.min(Math.max(slot.placeholder, 0), size);
        for (int i = hint; i < size; i++) {
            if (slots[i] == slot) {
                return i;
            }
        }
        for (int i = hint - 1; i >= 0; i--) {
            if (slots[i] == slot) {
                return i;
            }
        }
        throw new IllegalStateException("slot not in the list: " + slot.name);
    }

    private void insert(int index, Slot slot) {
        if (size == slots.length) {
            slots = Arrays.copyOf(slots, size + (size >> 1));
        }
        System.arraycopy(slots, index, slots, index + 1, size - index);
        slots[index] = slot;
        size++;
    }

    private void remove(int index) {
        System.arraycopy(slots, index + 1, slots, index, size - index - 1);
        slots[--size] = null;
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
            while (index < size) {
                Slot s = slots[index++];
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
