package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.Mail.message;
import static io.mailroom.adapter.outbox.journal.Mail.takeAll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxInDoubtException;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cuts the power under the journal at random I/O calls ({@link SimulatedDisk}) while a random mix
 * of one-phase commits, prepares, commits and rollbacks of prepared branches, deliveries,
 * deferrals, dead letters and an operator's requeues and deletions of dead letters runs on small segments (so roll-over, relocation and deletion of
 * segments run too), restarts, and checks after every cut:
 * <ul>
 *   <li>opening succeeds: a torn tail is never a reason to refuse;</li>
 *   <li>every acknowledged commit not yet settled is due, once, with its bytes; every acknowledged
 *       prepare is in doubt;</li>
 *   <li>nothing rolled back, refused or left only prepared is due; a one-phase commit cut short is
 *       due whole or not at all; a dead letter is never also due;</li>
 *   <li>an acknowledged requeue is due and no longer dead; one cut short is due or dead, never
 *       neither; a deleted dead letter is neither due nor dead, one cut short is never due;</li>
 *   <li>every 25th cut, a flipped byte in an older segment fails opening loudly.</li>
 * </ul>
 * In-doubt branches nobody acknowledged are rolled back, as a transaction manager presuming abort
 * would. Now and then the disk fails writes or forces (ENOSPC, EIO) for a few steps: a call that
 * failed cleanly stored nothing, one that reported its outcome in doubt may go either way, and
 * the journal must recover by itself once the disk heals. {@code -Dmailroom.powercuts=N} sets the number of cuts (default 10,000);
 * {@code -Dmailroom.powercuts.seed=S} replays a run. The seed is printed with every failure.
 */
@ExtendWith(QuietJournalLog.class)
class JournalPowerCutTest {
    private static final Path DIR = Path.of("/simulated/outbox").toAbsolutePath();
    private static final JournalOptions OPTIONS = JournalOptions.defaults().withMaxBytes(64 * 1024).withSegmentBytes(2048);

    @Test
    void everyAcknowledgedCommitSurvivesEveryPowerCutAndNothingRolledBackIsDue() throws Exception {
        int cuts = Integer.getInteger("mailroom.powercuts", 10_000);
        long seed = Long.getLong("mailroom.powercuts.seed", System.nanoTime());
        long started = System.nanoTime();
        Random random = new Random(seed);
        int done = 0;
        int faults = 0;
        int inDoubt = 0;
        long deleted = 0;
        int requeued = 0;
        int discarded = 0;
        while (done < cuts) {
            Run run = new Run(random.nextLong());
            done += run.cuts(Math.min(25, cuts - done));
            faults += run.faults;
            inDoubt += run.inDoubt;
            deleted += run.deleted;
            requeued += run.requeued;
            discarded += run.discarded;
        }
        System.out.printf("power-cut simulation: %d cuts, %d disk faults (%d outcomes in doubt), %d segments deleted"
                + " by compaction, %d dead letters requeued and %d deleted, in %d ms (seed %d)%n",
                done, faults, inDoubt, deleted, requeued, discarded, (System.nanoTime() - started) / 1_000_000, seed);
        assertTrue(requeued > 0 && discarded > 0, "the mix requeued and deleted dead letters");
    }

    /** One disk, cut again and again; the model carries over from cut to cut. */
    private static final class Run {
        private final long seed;
        private final Random random;
        private final PowerCutModel model = new PowerCutModel();
        private SimulatedDisk disk = new SimulatedDisk();
        private final Set<String> orphans = new LinkedHashSet<>();
        private int nextTag;
        private int cut;
        private int faultSteps;
        int faults;
        int inDoubt;
        long deleted;
        int requeued;
        int discarded;

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        int cuts(int count) throws Exception {
            for (cut = 1; cut <= count; cut++) {
                disk.cutAfter(1 + random.nextInt(40));
                try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk)) {
                    while (true) {
                        faults();
                        try {
                            step(outbox);
                        } catch (OutboxException e) {
                            if (faultSteps == 0 || disk.isOff()) {
                                throw e;
                            }
                            // an injected fault: the model already holds what the failed call may have done
                        }
                    }
                } catch (Exception e) {
                    if (!disk.isOff()) {
                        throw new AssertionError(where() + "failed without a power cut: " + e, e);
                    }
                }
                deleted += disk.count(SimulatedDisk.Kind.DELETE);
                disk = disk.restart(random);
                check();
                if (cut % 25 == 0) {
                    checkCorruptionIsLoud();
                }
            }
            return count;
        }

        private String where() {
            return "[seed " + seed + ", cut " + cut + "] ";
        }

        /** Now and then the disk fails writes or forces (ENOSPC, EIO) for a few steps, then heals. */
        private void faults() {
            if (faultSteps > 0 && --faultSteps == 0) {
                disk.heal();
            } else if (faultSteps == 0 && random.nextInt(40) == 0) {
                disk.fail(random.nextBoolean() ? SimulatedDisk.Kind.WRITE : SimulatedDisk.Kind.FORCE,
                        random.nextBoolean() ? "No space left on device" : "Input/output error");
                faultSteps = 1 + random.nextInt(3);
                faults++;
            }
        }

        private void step(JournalOutbox outbox) throws Exception {
            if (!orphans.isEmpty()) {
                String branch = orphans.iterator().next();
                orphans.remove(branch);
                outbox.rollbackPrepared(branch);
                return;
            }
            int op = random.nextInt(100);
            if (op < 30) {
                commitOnePhase(outbox);
            } else if (op < 45) {
                prepare(outbox);
            } else if (op < 58 && !model.prepared.isEmpty()) {
                String branch = model.prepared.keySet().iterator().next();
                List<String> tags = model.prepared.remove(branch);
                model.committing.put(branch, tags);
                if (!outbox.commitPrepared(branch)) {
                    throw new AssertionError(where() + "prepared branch " + branch + " is unknown");
                }
                model.committing.remove(branch);
                model.committed.addAll(tags);
            } else if (op < 65 && !model.prepared.isEmpty()) {
                String branch = model.prepared.keySet().iterator().next();
                model.abandon(branch, model.prepared.remove(branch));
                outbox.rollbackPrepared(branch);
            } else if (op < 70) {
                operatorAction(outbox, op < 67);
            } else {
                settleOne(outbox, op);
            }
        }

        private void commitOnePhase(JournalOutbox outbox) throws Exception {
            List<String> tags = newTags(1 + random.nextInt(3));
            model.unsureGroups.add(tags);
            try {
                outbox.commitOnePhase(messages(tags));
                model.committed.addAll(tags);
            } catch (OutboxInDoubtException e) {
                inDoubt++;
                return; // stays unsure: due whole or not at all after the next cut
            } catch (OutboxException e) {
                refused(e, tags);
            }
            model.unsureGroups.remove(tags);
        }

        private void prepare(JournalOutbox outbox) throws Exception {
            String branch = "b" + nextTag;
            List<String> tags = newTags(1 + random.nextInt(2));
            model.abandon(branch, tags); // until acknowledged: a cut prepare is rolled back
            try {
                outbox.prepare(branch, messages(tags));
            } catch (OutboxInDoubtException e) {
                inDoubt++;
                return; // abandoned: a transaction manager rolls it back if it is found in doubt
            } catch (OutboxException e) {
                refused(e, tags);
                return;
            }
            model.abandoned.remove(branch);
            model.forbidden.removeAll(tags);
            model.prepared.put(branch, tags);
        }

        /** A full outbox, or a write that failed while a fault was injected: nothing was stored. */
        private void refused(OutboxException e, List<String> tags) throws OutboxException {
            if (!e.getMessage().startsWith("MAILROOM-5001") && (faultSteps == 0 || disk.isOff())) {
                throw e;
            }
            model.unsureGroups.remove(tags);
            model.forbidden.addAll(tags);
        }

        private void settleOne(JournalOutbox outbox, int op) throws Exception {
            Optional<OutboxEntry> due = outbox.takeDue(Mail.LATER);
            if (due.isEmpty()) {
                return;
            }
            String tag = Mail.tag(due.get());
            long id = due.get().id();
            if (op < 80) {
                model.committed.remove(tag);
                model.settled.add(tag);
                outbox.delivered(id);
            } else if (op < 95) {
                outbox.deferred(id, Instant.now().plusMillis(1), "451 try later");
            } else {
                model.committed.remove(tag);
                model.settled.add(tag);
                outbox.dead(id, "550 no such user");
            }
        }

        /** Requeues or deletes the oldest dead letter whose outcome the model knows. */
        private void operatorAction(JournalOutbox outbox, boolean requeue) throws Exception {
            List<DeadLetter> letters = outbox.deadLetters(Integer.MAX_VALUE);
            for (int i = letters.size() - 1; i >= 0; i--) {
                DeadLetter letter = letters.get(i);
                String tag = tagOf(letter);
                if (model.requeuing.contains(tag) || model.discarding.contains(tag)) {
                    continue;
                }
                model.settled.remove(tag);
                if (requeue) {
                    model.requeuing.add(tag);
                    try {
                        if (outbox.requeue(letter.id()).isEmpty()) {
                            throw new AssertionError(where() + "listed dead letter " + tag + " is unknown to requeue");
                        }
                    } catch (OutboxException e) {
                        if (!e.getMessage().startsWith("MAILROOM-5001")) {
                            throw e;
                        }
                        model.requeuing.remove(tag); // a full outbox refuses it cleanly: still a dead letter
                        model.settled.add(tag);
                        return;
                    }
                    model.requeuing.remove(tag);
                    model.committed.add(tag);
                    requeued++;
                } else {
                    model.discarding.add(tag);
                    model.forbidden.add(tag);
                    if (!outbox.deleteDeadLetter(letter.id())) {
                        throw new AssertionError(where() + "listed dead letter " + tag + " is unknown to delete");
                    }
                    model.discarding.remove(tag);
                    model.discarded.add(tag);
                    discarded++;
                }
                return;
            }
        }

        private static String tagOf(DeadLetter letter) {
            return letter.messageId().substring(1, letter.messageId().indexOf('@'));
        }

        private List<String> newTags(int count) {
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tags.add("m" + nextTag++);
            }
            return tags;
        }

        private static List<OutboxMessage> messages(List<String> tags) {
            return tags.stream().map(t -> message(t, 100 + t.length() * 37 % 400)).toList();
        }

        /** Opens the disk as the cut left it and compares with the model, then settles what was unsure. */
        private void check() throws Exception {
            Set<String> due = new HashSet<>();
            Set<String> inDoubt;
            Set<String> dead = new HashSet<>();
            try (JournalOutbox outbox = openAfterCut()) {
                for (OutboxEntry entry : takeAll(outbox)) {
                    String tag = Mail.tag(entry);
                    assertTrue(due.add(tag), where() + tag + " is due twice");
                    assertArrayEquals(message(tag, 100 + tag.length() * 37 % 400).mime(), entry.message().mime(),
                            where() + tag + " came back with other bytes");
                }
                inDoubt = outbox.preparedBranches();
                for (DeadLetter letter : outbox.deadLetters(Integer.MAX_VALUE)) {
                    dead.add(tagOf(letter));
                }
            }
            for (String tag : model.committed) {
                assertTrue(due.contains(tag), where() + "acknowledged commit " + tag + " is lost");
            }
            for (String branch : model.prepared.keySet()) {
                assertTrue(inDoubt.contains(branch), where() + "acknowledged prepare " + branch + " is lost");
            }
            for (String tag : due) {
                assertTrue(model.mayBeDue(tag), where() + tag + " is due but was never committed, or rolled back");
                assertTrue(!dead.contains(tag), where() + tag + " is both dead and due");
            }
            for (String branch : inDoubt) {
                assertTrue(model.mayBePrepared(branch), where() + "branch " + branch + " is in doubt but was never prepared");
            }
            for (String tag : model.requeuing) {
                assertTrue(due.contains(tag) || dead.contains(tag), where() + "requeue of " + tag + " cut short lost it");
            }
            for (String tag : model.discarded) {
                assertTrue(!dead.contains(tag), where() + "deleted dead letter " + tag + " is back");
            }
            for (List<String> group : model.unsureGroups) {
                long present = group.stream().filter(due::contains).count();
                assertTrue(present == 0 || present == group.size(), where() + "one-phase commit " + group + " is due in part");
            }
            reconcile(due, inDoubt, dead);
        }

        /** Opening after a cut may itself be cut: restart and open again until it gets through. */
        private JournalOutbox openAfterCut() throws Exception {
            while (true) {
                disk.cutAfter(random.nextInt(4) == 0 ? 1 + random.nextInt(6) : Long.MAX_VALUE / 2);
                try {
                    JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk);
                    disk.cutAfter(Long.MAX_VALUE / 2);
                    return outbox;
                } catch (OutboxException e) {
                    if (!disk.isOff()) {
                        fail(where() + "opening after a power cut failed: " + e.getMessage(), e);
                    }
                    disk = disk.restart(random);
                }
            }
        }

        private void reconcile(Set<String> due, Set<String> inDoubt, Set<String> dead) {
            model.committing.forEach((branch, tags) -> {
                if (inDoubt.contains(branch)) {
                    model.prepared.put(branch, tags); // the transaction manager drives the commit again
                } else {
                    model.committed.addAll(tags);
                }
            });
            model.committing.clear();
            for (List<String> group : model.unsureGroups) {
                (due.contains(group.get(0)) ? model.committed : model.forbidden).addAll(group);
            }
            model.unsureGroups.clear();
            for (String tag : model.requeuing) {
                (due.contains(tag) ? model.committed : model.settled).add(tag);
            }
            model.requeuing.clear();
            for (String tag : model.discarding) {
                if (dead.contains(tag)) {
                    model.forbidden.remove(tag); // still a dead letter: it may be requeued later
                    model.settled.add(tag);
                } else {
                    model.discarded.add(tag);
                }
            }
            model.discarding.clear();
            for (String tag : due) {
                if (model.settled.remove(tag)) {
                    model.committed.add(tag); // its outcome was lost: it is delivered again
                }
            }
            for (String branch : inDoubt) {
                if (!model.prepared.containsKey(branch)) {
                    orphans.add(branch); // presumed abort: rolled back first thing after the restart
                }
            }
        }

        /** A byte flipped in a forced, older segment is corruption no crash explains: opening must refuse. */
        private void checkCorruptionIsLoud() throws Exception {
            List<Path> segments = disk.list(DIR).stream()
                    .filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
            if (segments.size() < 2) {
                return;
            }
            Path older = segments.get(random.nextInt(segments.size() - 1));
            byte[] bytes = disk.read(older);
            int at = random.nextInt(bytes.length);
            disk.corrupt(older, at, (byte) (bytes[at] ^ 0x10));
            try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk)) {
                fail(where() + "opened with a flipped byte at " + at + " of " + older);
            } catch (OutboxException e) {
                assertTrue(e.getMessage().startsWith("MAILROOM-5007 outbox journal " + older), where() + e.getMessage());
            }
            disk.corrupt(older, at, bytes[at]);
            assertEquals(bytes.length, disk.read(older).length);
        }
    }
}
