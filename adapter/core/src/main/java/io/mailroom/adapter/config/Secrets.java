package io.mailroom.adapter.config;

/** How secrets appear in {@code toString()} and messages: never. */
public final class Secrets {
    private Secrets() {
    }

    /** @return {@code <none>} or {@code ****} */
    public static String mask(String secret) {
        return secret == null ? "<none>" : "****";
    }
}
