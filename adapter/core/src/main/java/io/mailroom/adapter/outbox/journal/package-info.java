/**
 * The embedded outbox: an append-only journal of segment files with group commit (many commits
 * share one {@code fsync}), an in-memory index of what is queued, compaction of segments whose
 * records are all settled, and a dead-letter store. {@link io.mailroom.adapter.outbox.journal.JournalOutbox}'s
 * class comment is the design document: format, memory, durability, recovery, compaction.
 */
package io.mailroom.adapter.outbox.journal;
