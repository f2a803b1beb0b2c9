package io.mailroom.adapter.tx;

import static io.mailroom.adapter.tx.XaFixture.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SmtpLocalTransaction} on a real journal outbox. */
class SmtpLocalTransactionTest {
    @TempDir
    Path dir;

    @Test
    void commitStoresWhatWasBufferedAndRollbackDropsIt() throws Exception {
        try (XaFixture fx = new XaFixture(dir)) {
            SmtpLocalTransaction tx = new SmtpLocalTransaction(() -> fx.outbox);
            tx.begin();
            fx.outbox.buffer(tx.currentBranch(), message("kept"));
            tx.commit();
            assertNull(tx.currentBranch());
            tx.begin();
            fx.outbox.buffer(tx.currentBranch(), message("dropped"));
            tx.rollback();
            assertEquals(List.of("<kept@test>"), fx.deliverable());
        }
    }

    @Test
    void commitWithoutBeginIsRefusedByName() throws Exception {
        try (XaFixture fx = new XaFixture(dir)) {
            SmtpLocalTransaction tx = new SmtpLocalTransaction(() -> fx.outbox);
            ResourceException e = assertThrows(ResourceException.class, tx::commit);
            assertTrue(e.getMessage().startsWith("MAILROOM-2016"), e.getMessage());
        }
    }
}
