package io.mailroom.it.guide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's sections, their fenced code blocks and inline commands, as a reader sees them. */
final class ReadmeGuide {
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`");

    private final String section;

    private ReadmeGuide(String section) {
        this.section = section;
    }

    /** @return the section under {@code ## heading}, up to the next {@code ## } heading */
    static ReadmeGuide section(Path readme, String heading) throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            throw new AssertionError("README has no section '## " + heading + "'");
        }
        int end = text.indexOf("\n## ", start + 1);
        return new ReadmeGuide(text.substring(start, end < 0 ? text.length() : end));
    }

    /** @return the bodies of the section's fenced blocks in {@code language}, in order, unindented */
    List<String> blocks(String language) {
        List<String> blocks = new ArrayList<>();
        String[] lines = section.split("\n");
        StringBuilder body = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (body == null && trimmed.equals("```" + language)) {
                body = new StringBuilder();
            } else if (body != null && trimmed.equals("```")) {
                blocks.add(body.toString());
                body = null;
            } else if (body != null) {
                body.append(trimmed).append('\n');
            }
        }
        return blocks;
    }

    /** @return the one block in {@code language} that contains {@code marker} */
    String block(String language, String marker) {
        List<String> found = blocks(language).stream().filter(b -> b.contains(marker)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one ```" + language + " block with '" + marker + "' in the README, found "
                    + found.size());
        }
        return found.get(0);
    }

    /** @return the inline code span ({@code `...`}) that starts with {@code prefix} */
    String inline(String prefix) {
        Matcher m = INLINE.matcher(section.replaceAll("(?s)```.*?```", ""));
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                return m.group(1);
            }
        }
        throw new AssertionError("the README shows no command starting with '" + prefix + "'");
    }

    /** Fails unless the section says {@code text} (what the test does by hand must be what it says). */
    void mustSay(String text) {
        if (!section.replaceAll("\\s+", " ").contains(text)) {
            throw new AssertionError("the README's deploy guide no longer says '" + text + "'");
        }
    }
}
