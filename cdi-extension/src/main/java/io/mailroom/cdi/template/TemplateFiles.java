package io.mailroom.cdi.template;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Finds a template's files on the class path: {@code mail-templates/<name>/<part>[_<locale>].peb}
 * for the parts {@code subject}, {@code text} and {@code html}, most specific locale first, the
 * way {@link ResourceBundle} falls back ({@code de_AT}, {@code de}, then no suffix).
 */
final class TemplateFiles {
    static final String ROOT = "mail-templates/";
    private static final ResourceBundle.Control FALLBACK = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_DEFAULT);

    private final ClassLoader loader;

    TemplateFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** @return the class-path path of the part in the best locale, or {@code null} if none exists */
    String find(String name, String part, Locale locale, List<String> looked) {
        for (Locale candidate : FALLBACK.getCandidateLocales("", locale)) {
            String suffix = candidate.toString().isEmpty() ? "" : "_" + candidate;
            String path = ROOT + name + "/" + part + suffix + ".peb";
            looked.add(path);
            if (loader.getResource(path) != null) {
                return path;
            }
        }
        return null;
    }
}
