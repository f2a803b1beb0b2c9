package io.mailroom.adapter.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mailroom.adapter.outbox.MessageBody;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;
import io.mailroom.api.MailException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a branch leaves the transactional outbox releases its messages' bodies (their spool
 * files) exactly when nothing needs them any more: after the journal stored them (one-phase
 * commit, prepare), on rollback, for a rollback-only or timed-out branch, when a timed-out branch
 * is swept, and a message refused at the call releases its own.
 */
class BodyReleaseTest {
    @TempDir
    Path dir;

    private final AtomicInteger released = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void storedBranchesReleaseTheirBodiesOnceInTheJournal() throws Exception {
        try (JournalOutbox journal = JournalOutbox.open(dir, JournalOptions.defaults())) {
            TransactionalOutbox outbox = new TransactionalOutbox(journal, () -> { }, nanos::get);
            outbox.start("one-phase", 0);
            outbox.buffer("one-phase", message("a"));
            outbox.buffer("one-phase", message("b"));
            outbox.start("two-phase", 0);
            outbox.buffer("two-phase", message("c"));
            assertEquals(0, released.get(), "nothing is released while the branches are open");

            outbox.commitOnePhase("one-phase");
            assertEquals(2, released.get());
            outbox.prepare("two-phase");
            assertEquals(3, released.get());
            outbox.commitPrepared("two-phase");
            assertEquals(3, journal.stats().queued(), "the journal has its own copies");
        }
    }

    @Test
    void rolledBackRollbackOnlyAndTimedOutBranchesReleaseTheirBodies() throws Exception {
        try (JournalOutbox journal = JournalOutbox.open(dir, JournalOptions.defaults())) {
            TransactionalOutbox outbox = new TransactionalOutbox(journal, () -> { }, nanos::get);
            outbox.start("rolled-back", 0);
            outbox.buffer("rolled-back", message("a"));
            outbox.rollback("rolled-back");
            assertEquals(1, released.get());

            outbox.start("failed", 0);
            outbox.buffer("failed", message("b"));
            outbox.markRollbackOnly("failed");
            assertEquals(XAException.XA_RBROLLBACK, assertThrows(XAException.class, () -> outbox.prepare("failed")).errorCode);
            assertEquals(2, released.get());

            outbox.start("late", 1);
            outbox.buffer("late", message("c"));
            nanos.addAndGet(2_000_000_000L);
            assertEquals(XAException.XA_RBTIMEOUT, assertThrows(XAException.class, () -> outbox.commitOnePhase("late")).errorCode);
            assertEquals(3, released.get());

            outbox.start("forgotten", 1);
            outbox.buffer("forgotten", message("d"));
            nanos.addAndGet(2_000_000_000L);
            outbox.start("next", 0); // sweeps branches past their timeout
            assertEquals(4, released.get());
            assertEquals(0, journal.stats().queued());
        }
    }

    @Test
    void aRefusedMessageReleasesItsBody() throws Exception {
        try (JournalOutbox journal = JournalOutbox.open(dir, JournalOptions.defaults())) {
            TransactionalOutbox outbox = new TransactionalOutbox(journal, () -> { }, 10);
            outbox.start("full", 0);
            outbox.buffer("full", message("fills the bound"));
            assertThrows(MailException.class, () -> outbox.buffer("full", message("refused")));
            assertThrows(MailException.class, () -> outbox.buffer("unknown", message("no branch")));
            assertEquals(2, released.get());
        }
    }

    /** A small message whose body counts its releases, as a spool file's would delete it. */
    private OutboxMessage message(String subject) {
        byte[] mime = ("Subject: " + subject + "\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII);
        MessageBody body = new MessageBody() {
            @Override
            public long size() {
                return mime.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(mime);
            }

            @Override
            public void release() {
                released.incrementAndGet();
            }
        };
        return new OutboxMessage("a@example.com", List.of("b@example.org"), "<" + subject + "@test>", body);
    }
}
