package io.mailroom.adapter;

/** How secrets appear in {@code toString()} and messages: never. */
final class Secrets {
    private Secrets() {
    }

    /** @return {@code <none>} or {@code ****} */
    static String mask(String secret) {
        return secret == null ? "<none>" : "****";
    }
}
