package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.LargeMail.content;
import static io.mailroom.adapter.outbox.journal.LargeMail.digest;
import static io.mailroom.adapter.outbox.journal.Mail.message;
import static io.mailroom.adapter.outbox.journal.Mail.takeAll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Power cuts ({@link SimulatedDisk}) in the middle of storing a large message, one given as a
 * stream (as a spool file is), which the journal copies into its segment in many chunks and
 * replays without loading: a record torn anywhere in its chunks or before its checksum is never
 * delivered, in part or whole; a record acknowledged (forced) is delivered whole, byte for byte
 * (SHA-256), after the restart; a record neither acknowledged nor torn is delivered whole or not
 * at all. One-phase commits and prepares both. {@code -Dmailroom.powercuts.large=N} sets the
 * number of cuts (default 200, each restarted 3 times), {@code -Dmailroom.powercuts.seed=S} replays a run.
 */
@ExtendWith(QuietJournalLog.class)
class JournalLargeRecordPowerCutTest {
    private static final Path DIR = Path.of("/simulated/large").toAbsolutePath();
    private static final JournalOptions OPTIONS = JournalOptions.defaults().withMaxBytes(64L << 20).withSegmentBytes(4L << 20);
    private static final int RESTARTS = 3;

    @Test
    void aTornLargeRecordIsNeverDeliveredAndAForcedOneIsDeliveredWhole() throws Exception {
        int cuts = Integer.getInteger("mailroom.powercuts.large", 200);
        long seed = Long.getLong("mailroom.powercuts.seed", System.nanoTime());
        Random random = new Random(seed);
        int acknowledged = 0;
        int torn = 0;
        int wholeUnacknowledged = 0;
        for (int cut = 1; cut <= cuts; cut++) {
            boolean prepare = random.nextBoolean();
            int variant = random.nextInt(1000);
            SimulatedDisk disk = new SimulatedDisk();
            boolean acked = false;
            try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk)) {
                outbox.commitOnePhase(List.of(message("before")));
                disk.cutAfter(1 + random.nextInt(30)); // storing the large record is 27 writes and a force
                try {
                    if (prepare) {
                        outbox.prepare("branch", List.of(LargeMail.message(variant)));
                    } else {
                        outbox.commitOnePhase(List.of(LargeMail.message(variant)));
                    }
                    acked = true;
                } catch (OutboxException e) {
                    assertTrue(disk.isOff(), "[seed " + seed + ", cut " + cut + "] failed without a power cut: " + e);
                }
            }
            // Each restart keeps another random part of what was not forced: several per cut, so
            // that a record complete in length but torn inside (zeros) turns up too.
            for (int restart = 1; restart <= RESTARTS; restart++) {
                String where = "[seed " + seed + ", cut " + cut + ", restart " + restart + "] ";
                SimulatedDisk after = disk.restart(random);
                try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, after)) {
                    Set<String> inDoubt = outbox.preparedBranches();
                    if (prepare && acked) {
                        assertEquals(Set.of("branch"), inDoubt, where + "an acknowledged prepare is in doubt");
                    }
                    if (inDoubt.contains("branch")) {
                        outbox.commitPrepared("branch");
                    }
                    List<OutboxEntry> due = takeAll(outbox);
                    assertEquals("before", Mail.tag(due.get(0)), where + "the earlier commit is due first");
                    List<OutboxEntry> large = due.subList(1, due.size());
                    if (acked) {
                        assertEquals(1, large.size(), where + "the acknowledged large message is due");
                        acknowledged++;
                    } else if (large.isEmpty()) {
                        torn++;
                    } else {
                        wholeUnacknowledged++;
                    }
                    for (OutboxEntry e : large) {
                        assertEquals(LargeMail.SIZE, e.message().body().size(), where + "size");
                        assertArrayEquals(digest(content(variant)), digest(e.message().body().open()),
                                where + "the large message is delivered whole, byte for byte");
                    }
                }
            }
        }
        System.out.printf("large-record power cuts: %d cuts, %d restarts: %d acknowledged and delivered whole, %d torn"
                + " and never delivered, %d unacknowledged but complete and delivered whole (seed %d)%n",
                cuts, cuts * RESTARTS, acknowledged, torn, wholeUnacknowledged, seed);
        assertTrue(acknowledged > 0 && torn > 0, "both outcomes were exercised");
    }
}
