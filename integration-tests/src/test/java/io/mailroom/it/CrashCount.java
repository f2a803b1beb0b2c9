package io.mailroom.it;

import java.util.Map;

/**
 * The crash test's verdict: acknowledged commits that never arrived, rolled-back messages that
 * did, and messages that arrived more than once (possible only when a server died between the
 * SMTP server's 250 and the outbox recording it).
 */
record CrashCount(int requests, long acknowledgedCommits, long unknownCommits, long rollbacks,
                  int committedLost, int rolledBackDelivered, int duplicates, int delivered) {

    static CrashCount of(CrashLoad load, Map<String, Integer> delivered) {
        int lost = 0;
        int rolledBack = 0;
        for (Map.Entry<Integer, CrashLoad.Outcome> e : load.outcomes().entrySet()) {
            int id = e.getKey();
            int copiesA = delivered.getOrDefault("crash-" + id + "-a", 0);
            int copiesB = delivered.getOrDefault("crash-" + id + "-b", 0);
            switch (e.getValue()) {
                case COMMIT_ACKNOWLEDGED -> {
                    if (copiesA == 0 || (load.isTwoPhase(id) && copiesB == 0)) {
                        lost++;
                    }
                }
                case ROLLBACK -> rolledBack += copiesA + copiesB;
                case COMMIT_UNKNOWN -> { }
            }
        }
        int duplicates = (int) delivered.values().stream().filter(n -> n > 1).count();
        long acknowledged = load.acknowledgedCommits();
        long unknown = load.outcomes().values().stream().filter(o -> o == CrashLoad.Outcome.COMMIT_UNKNOWN).count();
        long rollbacks = load.outcomes().values().stream().filter(o -> o == CrashLoad.Outcome.ROLLBACK).count();
        int total = delivered.values().stream().mapToInt(Integer::intValue).sum();
        return new CrashCount(load.outcomes().size(), acknowledged, unknown, rollbacks, lost, rolledBack, duplicates, total);
    }

    String table() {
        return String.format("""

                crash test (SIGKILL and restart)
                | requests | acknowledged commits | commits cut by a kill | rollbacks | messages delivered |
                | %8d | %20d | %21d | %9d | %18d |
                committed lost: %d
                rolled back delivered: %d
                duplicates: %d
                """, requests, acknowledgedCommits, unknownCommits, rollbacks, delivered,
                committedLost, rolledBackDelivered, duplicates);
    }
}
