package io.mailroom.adapter.outbox.journal;

import io.mailroom.adapter.outbox.EntrySummary;
import io.mailroom.adapter.outbox.OutboxStats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outbox's state in memory, rebuilt from the journal on open: the live entries, which of them
 * are due in which order, which are taken by a worker, the prepared branches, and what each
 * segment still holds. Thread-safe; every method is atomic.
 *
 * <p>The journal writer changes this only while holding the journal lock, right after appending
 * the matching record, so the two agree on order. Workers take entries without that lock.
 */
final class JournalIndex {
    private static final Comparator<IndexEntry> DUE_ORDER =
            Comparator.comparing(IndexEntry::notBefore).thenComparingLong(IndexEntry::id);

    private final Map<Long, IndexEntry> entries = new HashMap<>();
    private final NavigableSet<IndexEntry> ready = new TreeSet<>(DUE_ORDER);
    private final Set<Long> inFlight = new HashSet<>();
    private final Map<String, Branch> branches = new HashMap<>();
    private SegmentUsage usage = new SegmentUsage();
    private long maxId;

    /** A prepared branch: its entries, and the segment whose record keeps it alive. */
    private static final class Branch {
        final Set<Long> ids = new HashSet<>();
        long home;

        Branch(long home) {
            this.home = home;
        }
    }

    /**
     * Adds (or replaces, for entries copied forward) entries stored by one record.
     *
     * @param branch their prepared branch, created or re-homed to {@code home}; {@code null} if committed
     * @param due whether committed entries may be taken right away; {@code false} while their
     *            record is not yet on disk, see {@link #publish}
     */
    synchronized void add(Collection<IndexEntry> added, String branch, long home, boolean due) {
        if (branch != null) {
            Branch b = branches.get(branch);
            if (b == null) {
                branches.put(branch, new Branch(home));
                usage.add(home, 0);
            } else {
                moveBranch(branch, home);
            }
        }
        for (IndexEntry e : added) {
            forget(e.id());
            entries.put(e.id(), e);
            usage.add(e.segment(), e.mimeLength());
            maxId = Math.max(maxId, e.id());
            if (branch != null) {
                branches.get(branch).ids.add(e.id());
            } else if (due) {
                ready.add(e);
            }
        }
    }

    /**
     * Takes over the state of an index rebuilt from the journal after a disk fault, keeping the
     * entries workers hold now taken, so they are not delivered twice meanwhile.
     */
    synchronized void replaceWith(JournalIndex rebuilt) {
        Set<Long> taken = new HashSet<>(inFlight);
        entries.clear();
        ready.clear();
        inFlight.clear();
        branches.clear();
        synchronized (rebuilt) {
            entries.putAll(rebuilt.entries);
            branches.putAll(rebuilt.branches);
            usage = rebuilt.usage;
            maxId = Math.max(maxId, rebuilt.maxId);
            for (IndexEntry e : rebuilt.ready) {
                if (taken.contains(e.id())) {
                    inFlight.add(e.id());
                } else {
                    ready.add(e);
                }
            }
        }
    }

    /** Makes committed entries takeable, once their record is durable. */
    synchronized void publish(Collection<Long> ids) {
        for (long id : ids) {
            IndexEntry e = entries.get(id);
            if (e != null && e.branch() == null && !inFlight.contains(id)) {
                ready.add(e);
            }
        }
    }

    /** @return when the next untaken entry becomes due, or empty if none waits */
    synchronized Optional<Instant> nextDue() {
        return ready.isEmpty() ? Optional.empty() : Optional.of(ready.first().notBefore());
    }

    /** @return the oldest due entry, now taken by the caller, or empty if none is due */
    synchronized Optional<IndexEntry> takeDue(Instant now) {
        if (ready.isEmpty() || ready.first().notBefore().isAfter(now)) {
            return Optional.empty();
        }
        IndexEntry e = ready.pollFirst();
        inFlight.add(e.id());
        return Optional.of(e);
    }

    /** Takes a committed entry even if it is not due, e.g. to move it to the dead letters. */
    synchronized IndexEntry claim(long id) {
        IndexEntry e = entries.get(id);
        if (e == null || e.branch() != null) {
            return null;
        }
        ready.remove(e);
        inFlight.add(id);
        return e;
    }

    /** Gives a taken entry back, due as before. */
    synchronized void release(long id) {
        IndexEntry e = entries.get(id);
        if (inFlight.remove(id) && e != null) {
            ready.add(e);
        }
    }

    synchronized IndexEntry get(long id) {
        return entries.get(id);
    }

    synchronized void remove(long id) {
        forget(id);
    }

    /** Records a failed attempt; the entry is no longer taken and is due at {@code notBefore}. */
    synchronized void defer(long id, int attempts, Instant notBefore, String reason) {
        IndexEntry e = entries.get(id);
        if (e == null) {
            return;
        }
        ready.remove(e);
        inFlight.remove(id);
        IndexEntry updated = e.deferred(attempts, notBefore, reason);
        entries.put(id, updated);
        if (updated.branch() == null) {
            ready.add(updated);
        }
    }

    /** Later attempts of the entry go to {@code pending} only; it stays taken or due as it was. */
    synchronized void narrow(long id, List<String> pending) {
        IndexEntry e = entries.get(id);
        if (e == null || pending.isEmpty()) {
            return;
        }
        boolean wasReady = ready.remove(e);
        IndexEntry updated = e.narrowedTo(pending);
        entries.put(id, updated);
        if (wasReady) {
            ready.add(updated);
        }
    }

    synchronized boolean hasBranch(String branch) {
        return branches.containsKey(branch);
    }

    /** @return the names of the prepared branches */
    synchronized Set<String> branches() {
        return Set.copyOf(branches.keySet());
    }

    /** Makes a prepared branch's entries due; an unknown branch is ignored. */
    synchronized void commitBranch(String branch) {
        Branch b = branches.remove(branch);
        if (b == null) {
            return;
        }
        usage.remove(b.home, 0);
        for (long id : b.ids) {
            IndexEntry committed = entries.get(id).committed();
            entries.put(id, committed);
            ready.add(committed);
        }
    }

    /** Forgets a prepared branch and its entries; an unknown branch is ignored. */
    synchronized void rollbackBranch(String branch) {
        Branch b = branches.get(branch);
        if (b == null) {
            return;
        }
        for (long id : List.copyOf(b.ids)) {
            forget(id);
        }
        branches.remove(branch);
        usage.remove(b.home, 0);
    }

    /** Notes that a branch's record was copied forward into {@code segment}. */
    synchronized void moveBranch(String branch, long segment) {
        Branch b = branches.get(branch);
        usage.remove(b.home, 0);
        usage.add(segment, 0);
        b.home = segment;
    }

    /**
     * Points an entry at the copy of its bytes in {@code segment}, unless a worker took it since the
     * copy was made: the worker may be reading the old bytes, so the entry stays where it was, and
     * its segment stays too. Replay would find the copy; that is the same message in the same state.
     */
    synchronized void relocated(long id, long segment, long mimeOffset) {
        IndexEntry e = entries.get(id);
        if (e == null || inFlight.contains(id)) {
            return;
        }
        IndexEntry moved = e.movedTo(segment, mimeOffset);
        entries.put(id, moved);
        usage.remove(e.segment(), e.mimeLength());
        usage.add(segment, moved.mimeLength());
        if (ready.remove(e)) {
            ready.add(moved);
        }
    }

    /** @return the entries whose bytes are in {@code segment} and that no worker holds right now */
    synchronized List<IndexEntry> untakenIn(long segment) {
        List<IndexEntry> found = new ArrayList<>();
        for (IndexEntry e : entries.values()) {
            if (e.segment() == segment && !inFlight.contains(e.id())) {
                found.add(e);
            }
        }
        return found;
    }

    /** @return the prepared branches whose record is in {@code segment} */
    synchronized List<String> branchesIn(long segment) {
        return branches.entrySet().stream().filter(b -> b.getValue().home == segment).map(Map.Entry::getKey).toList();
    }

    /** @return how many live entries and branches {@code segment} holds */
    synchronized long liveItems(long segment) {
        return usage.items(segment);
    }

    /** @return the MIME bytes of the live entries in {@code segment} */
    synchronized long liveBytes(long segment) {
        return usage.bytes(segment);
    }

    /** @return at most {@code limit} live entries, lowest id first; O(entries log entries) */
    synchronized List<EntrySummary> summaries(int limit) {
        return entries.values().stream().sorted(Comparator.comparingLong(IndexEntry::id)).limit(Math.max(limit, 0))
                .map(IndexEntry::toSummary).toList();
    }

    synchronized long maxId() {
        return maxId;
    }

    /** Counts entries by state; O(entries). */
    synchronized OutboxStats stats(Instant now, long dead, long bytesUsed) {
        long queued = 0;
        long deferred = 0;
        long prepared = 0;
        for (IndexEntry e : entries.values()) {
            if (e.branch() != null) {
                prepared++;
            } else if (e.attempts() > 0 && e.notBefore().isAfter(now)) {
                deferred++;
            } else {
                queued++;
            }
        }
        return new OutboxStats(queued, deferred, prepared, dead, bytesUsed);
    }

    private void forget(long id) {
        IndexEntry e = entries.remove(id);
        if (e == null) {
            return;
        }
        if (!inFlight.remove(id)) { // a taken entry is not among the ready ones: no search of them
            ready.remove(e);
        }
        usage.remove(e.segment(), e.mimeLength());
        if (e.branch() != null) {
            branches.get(e.branch()).ids.remove(id);
        }
    }
}
