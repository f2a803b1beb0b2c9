package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.OutboxMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Messages of transaction branches that have not prepared or committed yet, in memory. Shared
 * by every managed connection of one outbox, because the transaction manager may end a branch on
 * one connection's XAResource and commit it on another's ({@code isSameRM}).
 */
public final class PendingBranches {
    private final ConcurrentMap<String, List<OutboxMessage>> branches = new ConcurrentHashMap<>();

    /** Adds a message to the branch, creating it on first use. */
    public void add(String branch, OutboxMessage message) {
        branches.compute(branch, (key, list) -> {
            List<OutboxMessage> messages = list == null ? new ArrayList<>() : list;
            messages.add(message);
            return messages;
        });
    }

    /** Removes the branch and returns its messages; empty if it sent nothing. */
    public List<OutboxMessage> remove(String branch) {
        List<OutboxMessage> messages = branches.remove(branch);
        return messages == null ? List.of() : List.copyOf(messages);
    }
}
