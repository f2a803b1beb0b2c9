package io.mailroom.it;

import java.util.List;
import java.util.Map;

/**
 * The crash test's verdict, counting every request: acknowledged commits that never arrived,
 * rolled-back messages that did, commits whose outcome the application never learnt (cut by a
 * kill, or answered with an error) and how many of those arrived, two-phase pairs of which only
 * one half arrived, messages that arrived more than once (possible only when a server died between
 * the SMTP server's 250 and the outbox recording it), and the in-doubt branches recovery found.
 *
 * @param inDoubtAfterStart the prepared branches in doubt seen right after each start, in order
 */
record CrashCount(int requests, long acknowledgedCommits, long commitsCut, long commitsFailed, long rollbacks,
                  int unknownDelivered, int committedLost, int rolledBackDelivered, int twoPhasePairs, int pairsSplit,
                  int duplicates, int delivered, List<Long> inDoubtAfterStart) {

    static CrashCount of(CrashLoad load, Map<String, Integer> delivered, List<Long> inDoubtAfterStart) {
        int lost = 0;
        int rolledBack = 0;
        int unknownDelivered = 0;
        int pairs = 0;
        int split = 0;
        for (Map.Entry<Integer, CrashLoad.Outcome> e : load.outcomes().entrySet()) {
            int id = e.getKey();
            int copiesA = delivered.getOrDefault("crash-" + id + "-a", 0);
            int copiesB = delivered.getOrDefault("crash-" + id + "-b", 0);
            boolean twoPhase = load.isTwoPhase(id);
            boolean arrived = copiesA > 0 || copiesB > 0;
            if (twoPhase) {
                pairs++;
                if ((copiesA > 0) != (copiesB > 0)) {
                    split++; // one transaction, two resources: both halves or neither
                }
            } else if (copiesB > 0) {
                split++; // a one-phase transaction sent no second half
            }
            switch (e.getValue()) {
                case COMMIT_ACKNOWLEDGED -> {
                    if (copiesA == 0 || (twoPhase && copiesB == 0)) {
                        lost++;
                    }
                }
                case ROLLBACK -> rolledBack += copiesA + copiesB;
                case COMMIT_CUT, COMMIT_FAILED -> unknownDelivered += arrived ? 1 : 0;
            }
        }
        int duplicates = (int) delivered.values().stream().filter(n -> n > 1).count();
        int total = delivered.values().stream().mapToInt(Integer::intValue).sum();
        return new CrashCount(load.outcomes().size(), load.acknowledgedCommits(), load.count(CrashLoad.Outcome.COMMIT_CUT),
                load.count(CrashLoad.Outcome.COMMIT_FAILED), load.count(CrashLoad.Outcome.ROLLBACK), unknownDelivered, lost,
                rolledBack, pairs, split, duplicates, total, List.copyOf(inDoubtAfterStart));
    }

    /** @return how many starts found prepared branches in doubt, which the transaction manager then resolved */
    long startsWithInDoubt() {
        return inDoubtAfterStart.stream().filter(n -> n > 0).count();
    }

    long unknownOutcomes() {
        return commitsCut + commitsFailed;
    }

    String table() {
        return String.format("""

                crash test (SIGKILL and restart), %d starts
                | requests | acknowledged commits | commits cut by a kill | commits answered with an error | rollbacks | messages delivered |
                | %8d | %20d | %21d | %30d | %9d | %18d |
                committed lost: %d
                rolled back delivered: %d
                unknown outcomes: %d (%d cut, %d failed), of which delivered: %d
                two-phase pairs: %d, halves split: %d
                duplicates: %d
                in doubt after each start: %s (%d of %d starts found branches in doubt, for recovery to resolve before the drain ends)
                """, inDoubtAfterStart.size(), requests, acknowledgedCommits, commitsCut, commitsFailed, rollbacks, delivered,
                committedLost, rolledBackDelivered, unknownOutcomes(), commitsCut, commitsFailed, unknownDelivered,
                twoPhasePairs, pairsSplit, duplicates, inDoubtAfterStart, startsWithInDoubt(), inDoubtAfterStart.size());
    }
}
