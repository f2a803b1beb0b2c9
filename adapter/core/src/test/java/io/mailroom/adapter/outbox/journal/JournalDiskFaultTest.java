package io.mailroom.adapter.outbox.journal;

import static io.mailroom.adapter.outbox.journal.Mail.dueTags;
import static io.mailroom.adapter.outbox.journal.Mail.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxInDoubtException;
import io.mailroom.adapter.outbox.journal.SimulatedDisk.Kind;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A full disk (ENOSPC) or a failing one (EIO), on write and on force, through {@link SimulatedDisk}:
 * the caller learns whether its messages are stored, not stored, or in doubt, and the outbox works
 * again once the fault clears, without being reopened.
 */
class JournalDiskFaultTest {
    private static final Path DIR = Path.of("/simulated/faults").toAbsolutePath();
    private static final JournalOptions OPTIONS = JournalOptions.defaults().withMaxBytes(64 * 1024).withSegmentBytes(2048);

    private final SimulatedDisk disk = new SimulatedDisk();

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aFailedWriteStoresNothingAndTheNextCommitWorks(String error) throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk)) {
            outbox.commitOnePhase(List.of(message("before")));
            disk.fail(Kind.WRITE, error);

            OutboxException e = assertThrows(OutboxException.class, () -> outbox.commitOnePhase(List.of(message("lost"))));

            assertFalse(e instanceof OutboxInDoubtException, "a write that failed stored nothing: " + e);
            assertTrue(e.getMessage().startsWith("MAILROOM-5002") && e.getMessage().contains(error), e.getMessage());
            healAndCommitAfter(outbox, "the failed write left nothing behind");
        }
        assertAfterPowerCut(List.of("before", "after"), Set.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aFailedForceLeavesTheCommitInDoubtAndTheOutboxRecoversOnceTheDiskWorks(String error) throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk)) {
            outbox.commitOnePhase(List.of(message("before")));
            disk.fail(Kind.FORCE, error);

            OutboxException doubt = assertThrows(OutboxException.class, () -> outbox.commitOnePhase(List.of(message("doubt"))));
            assertInstanceOf(OutboxInDoubtException.class, doubt);
            assertTrue(doubt.getMessage().startsWith("MAILROOM-5041") && doubt.getMessage().contains(error), doubt.getMessage());

            OutboxException refused = assertThrows(OutboxException.class, () -> outbox.commitOnePhase(List.of(message("refused"))));
            assertTrue(refused.getMessage().startsWith("MAILROOM-5008"), "while the disk fails: " + refused.getMessage());
            assertFalse(refused instanceof OutboxInDoubtException, "nothing was written: " + refused);

            healAndCommitAfter(outbox, "the unforced commit was cut off, not delivered");
        }
        assertAfterPowerCut(List.of("before", "after"), Set.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aCommitOfAPreparedBranchWhoseForceFailedCanBeCommittedAgainAfterRecovery(String error) throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk)) {
            outbox.prepare("xid-1", List.of(message("two-phase")));
            disk.fail(Kind.FORCE, error);

            assertThrows(OutboxInDoubtException.class, () -> outbox.commitPrepared("xid-1"));
            disk.heal();
            outbox.commitOnePhase(List.of(message("other"))); // the first call after the fault recovers

            assertEquals(Set.of("xid-1"), outbox.preparedBranches(), "the unforced commit record was cut off");
            outbox.commitPrepared("xid-1"); // the transaction manager drives the commit again
            assertEquals(List.of("two-phase", "other"), dueTags(outbox));
        }
        assertAfterPowerCut(List.of("two-phase", "other"), Set.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"No space left on device", "Input/output error"})
    void aPrepareWhoseForceFailedIsNotInDoubtAfterRecovery(String error) throws Exception {
        try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk)) {
            disk.fail(Kind.FORCE, error);
            assertThrows(OutboxInDoubtException.class, () -> outbox.prepare("xid-2", List.of(message("prepared"))));
            disk.heal();
            outbox.commitOnePhase(List.of(message("other")));

            assertEquals(Set.of(), outbox.preparedBranches());
            assertEquals(List.of("other"), dueTags(outbox));
        }
        assertAfterPowerCut(List.of("other"), Set.of());
    }

    /** Heals the disk: the next commit works without reopening, and only what was acknowledged is due. */
    private void healAndCommitAfter(JournalOutbox outbox, String why) throws Exception {
        disk.heal();
        outbox.commitOnePhase(List.of(message("after")));
        assertEquals(List.of("before", "after"), dueTags(outbox), why);
    }

    /** What survives a power cut right now is what was acknowledged: the recovery's cut was forced. */
    private void assertAfterPowerCut(List<String> due, Set<String> inDoubt) throws Exception {
        disk.cutAfter(1);
        for (int seed = 0; seed < 20; seed++) {
            try (JournalOutbox outbox = JournalOutbox.open(DIR, OPTIONS, disk.restart(new Random(seed)))) {
                assertEquals(due, dueTags(outbox), "seed " + seed);
                assertEquals(inDoubt, outbox.preparedBranches(), "seed " + seed);
            }
        }
    }
}
