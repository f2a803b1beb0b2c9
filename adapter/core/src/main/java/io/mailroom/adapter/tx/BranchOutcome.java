package io.mailroom.adapter.tx;

/** Told when a branch's messages became deliverable, so delivery can start at once. */
@FunctionalInterface
public interface BranchOutcome {
    /** Messages were committed and are ready for delivery; how many is not known. */
    void committed();

    /** {@code messages} messages were committed and are ready for delivery; by default {@link #committed()}. */
    default void committed(int messages) {
        committed();
    }
}
