package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.MessageBody;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory bodies of messages just committed, kept until their first delivery attempt so
 * that a worker sends them from memory instead of reading back from the segment what was written
 * there a moment before (a positional read per buffer and a copy buffer per message). Only bodies
 * already in memory are kept, never loaded, and no more than {@link #BUDGET_BYTES} of heap in all
 * (counted by the arrays held, not the message sizes); past that, bodies come from the segment as
 * before. The bytes are the ones the journal wrote, so which copy a worker gets changes nothing
 * it sends.
 */
final class RecentBodies {
    /** The most heap the kept bodies may hold. */
    static final long BUDGET_BYTES = 16L * 1024 * 1024;

    private final Map<Long, MessageBody.InMemory> bodies = new ConcurrentHashMap<>();
    private long held;

    /** Keeps the body of entry {@code id} if it is in memory and fits the budget. */
    void keep(long id, MessageBody body) {
        if (!(body instanceof MessageBody.InMemory m)) {
            return;
        }
        synchronized (this) {
            if (held + m.array().length > BUDGET_BYTES) {
                return;
            }
            held += m.array().length;
        }
        bodies.put(id, m);
    }

    /** @return the kept body of entry {@code id}, or {@code null} */
    MessageBody get(long id) {
        return bodies.get(id);
    }

    /** Lets go of the body of entry {@code id}, if kept: it was attempted, settled or cut off. */
    void drop(long id) {
        MessageBody.InMemory m = bodies.remove(id);
        if (m != null) {
            synchronized (this) {
                held -= m.array().length;
            }
        }
    }

    /** Lets go of every body, e.g. after recovery rebuilt the index. */
    void clear() {
        bodies.keySet().forEach(this::drop);
    }

    /** @return how many bodies are kept */
    int size() {
        return bodies.size();
    }
}
