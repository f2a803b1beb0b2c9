package io.mailroom.adapter.outbox;

/**
 * Counts an operator looks at.
 *
 * @param queued committed messages waiting for their first attempt or ready for the next
 * @param deferred messages whose last attempt failed transiently and that wait for a retry
 * @param prepared messages in prepared (in-doubt) transaction branches
 * @param dead messages in the dead-letter store
 * @param bytesUsed bytes the outbox occupies on disk
 */
public record OutboxStats(long queued, long deferred, long prepared, long dead, long bytesUsed) {
}
