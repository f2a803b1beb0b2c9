package io.mailroom.adapter.tx;

import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxException;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.adapter.outbox.journal.JournalOptions;
import io.mailroom.adapter.outbox.journal.JournalOutbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** A real journal outbox in a temporary directory with the transactional side in front of it. */
final class XaFixture implements AutoCloseable {
    final JournalOutbox journal;
    final AtomicLong nanos = new AtomicLong();
    final TransactionalOutbox outbox;
    private static int next;

    XaFixture(Path dir) throws OutboxException {
        journal = JournalOutbox.open(dir, JournalOptions.defaults());
        outbox = new TransactionalOutbox(journal, () -> { }, nanos::get);
    }

    SmtpXAResource resource() {
        return new SmtpXAResource(() -> outbox);
    }

    static Xid xid() {
        int n = ++next;
        return new XidCodec.XidValue(0x4d52, ("gtrid-" + n).getBytes(StandardCharsets.US_ASCII),
                ("bqual-" + n).getBytes(StandardCharsets.US_ASCII));
    }

    static OutboxMessage message(String subject) {
        String mime = "From: a@example.com\r\nTo: b@example.org\r\nSubject: " + subject + "\r\n\r\nHello\r\n";
        return new OutboxMessage("a@example.com", List.of("b@example.org"), "<" + subject + "@test>",
                mime.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the Message-IDs of everything deliverable now */
    List<String> deliverable() throws OutboxException {
        List<String> ids = new ArrayList<>();
        Instant later = Instant.now().plusSeconds(3600);
        for (Optional<OutboxEntry> e = journal.takeDue(later); e.isPresent(); e = journal.takeDue(later)) {
            ids.add(e.get().message().messageId());
        }
        return ids;
    }

    static int errorCode(Executable call) {
        return assertThrows(XAException.class, call).errorCode;
    }

    @Override
    public void close() {
        journal.close();
    }
}
