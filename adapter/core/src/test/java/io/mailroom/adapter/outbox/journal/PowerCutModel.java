package io.mailroom.adapter.outbox.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the power-cut simulation's workload was told, and so what the journal owes it after a cut.
 * Tags name messages; branch names are XIDs in the outbox's eyes.
 */
final class PowerCutModel {
    /** Committed and acknowledged, not yet settled: must be due after any cut. */
    final Set<String> committed = new HashSet<>();
    /** Delivered or dead-lettered: may come back after a cut (outcomes are not forced), never twice. */
    final Set<String> settled = new HashSet<>();
    /** Prepared and acknowledged, not yet committed or rolled back: must be in doubt after any cut. */
    final Map<String, List<String>> prepared = new LinkedHashMap<>();
    /** Branches whose commit was cut short: either still prepared or committed with all their messages. */
    final Map<String, List<String>> committing = new HashMap<>();
    /** One-phase commits cut short: each group is due whole or not at all. */
    final List<List<String>> unsureGroups = new ArrayList<>();
    /** Branches rolled back, or whose prepare was cut short: may be in doubt again, never delivered. */
    final Map<String, List<String>> abandoned = new HashMap<>();
    /** Messages that must never be delivered: of rolled-back branches, refused commits. */
    final Set<String> forbidden = new HashSet<>();

    /** Dead letters whose requeue was asked and not acknowledged: after a cut, due or dead, never both, never neither. */
    final Set<String> requeuing = new HashSet<>();
    /** Dead letters whose deletion was asked and not acknowledged: never due; dead or gone. */
    final Set<String> discarding = new HashSet<>();
    /** Dead letters deleted and acknowledged: never due, never dead again. */
    final Set<String> discarded = new HashSet<>();

    void abandon(String branch, List<String> tags) {
        abandoned.put(branch, tags);
        forbidden.addAll(tags);
    }

    /** @return every tag that may be due after a cut */
    boolean mayBeDue(String tag) {
        if (forbidden.contains(tag)) {
            return false;
        }
        return committed.contains(tag) || settled.contains(tag) || requeuing.contains(tag)
                || committing.values().stream().anyMatch(t -> t.contains(tag))
                || unsureGroups.stream().anyMatch(g -> g.contains(tag));
    }

    /** @return whether a branch may be in doubt after a cut */
    boolean mayBePrepared(String branch) {
        return prepared.containsKey(branch) || committing.containsKey(branch) || abandoned.containsKey(branch);
    }
}
