package io.mailroom.adapter.tx;

/** Told when a branch's messages became deliverable, so delivery can start at once. */
@FunctionalInterface
public interface BranchOutcome {
    /** Messages were committed and are ready for delivery. */
    void committed();
}
