package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message given as a stream inside a transaction waits in a spool file of the outbox directory
 * ({@code spool/}) while the branch is open; the file is gone once the branch rolled back or its
 * message is in the journal, files left by a crash go when the outbox opens, and a message larger
 * than the outbox fails at the call ({@code MAILROOM-1028}) leaving no file.
 */
class SpooledTransactionTest {
    private static final long BYTES = 3L * 1024 * 1024;
    private static final Envelope ENVELOPE = Envelope.of("archive@sender.test", "customer@receiver.test");

    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private XaMailroom mailroom;
    private Path spool;

    @BeforeEach
    void connect() throws Exception {
        Path outbox = Files.createTempDirectory("mailroom-spool");
        spool = Files.createDirectories(outbox.resolve("spool"));
        Files.write(spool.resolve("1-1.spool"), new byte[100]); // left by a crash
        mailroom = new XaMailroom(greenMail.getSmtp().getPort(), outbox, settings -> settings.setOutboxMaxMegabytes(2));
    }

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void aRolledBackMessageLeavesNoSpoolFileAndIsNeverSent() throws Exception {
        XAResource xa = mailroom.managed.getXAResource();
        Xid xid = xid("rollback");
        xa.start(xid, XAResource.TMNOFLAGS);
        try (InputStream eml = new GeneratedMessage("<rolled-back@sender.test>", 1024 * 1024)) {
            mailroom.handle.sendRaw(eml, ENVELOPE);
        }
        assertEquals(1, spoolFiles(), "the stale file went when the outbox opened; this message waits in its own");
        xa.end(xid, XAResource.TMSUCCESS);
        xa.rollback(xid);

        assertEquals(0, spoolFiles(), "the spool file is deleted on rollback");
        assertFalse(greenMail.waitForIncomingEmail(1_000, 1), "nothing is sent");
    }

    @Test
    void aCommittedMessageIsDeliveredWholeAndItsSpoolFileIsGone() throws Exception {
        GeneratedMessage message = new GeneratedMessage("<committed@sender.test>", 1024 * 1024);
        byte[] expected = new GeneratedMessage("<committed@sender.test>", 1024 * 1024).readAllBytes();
        XAResource xa = mailroom.managed.getXAResource();
        Xid xid = xid("commit");
        xa.start(xid, XAResource.TMNOFLAGS);
        try (InputStream eml = message) {
            mailroom.handle.sendRaw(eml, ENVELOPE);
        }
        xa.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);

        assertEquals(0, spoolFiles(), "the spool file is deleted once the message is in the journal");
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
        byte[] body = greenMail.getReceivedMessages()[0].getRawInputStream().readAllBytes();
        int headers = new String(expected, StandardCharsets.US_ASCII).indexOf("\r\n\r\n") + 4;
        // GreenMail keeps the content without the line end before the final dot
        assertArrayEquals(Arrays.copyOfRange(expected, headers, expected.length - 2), body);
    }

    @Test
    void aMessageLargerThanTheOutboxFailsAtTheCallAndLeavesNoFile() throws Exception {
        XAResource xa = mailroom.managed.getXAResource();
        Xid xid = xid("too-large");
        xa.start(xid, XAResource.TMNOFLAGS);
        InvalidEmailException e;
        try (InputStream eml = new GeneratedMessage("<too-large@sender.test>", BYTES)) {
            e = assertThrows(InvalidEmailException.class, () -> mailroom.handle.sendRaw(eml, ENVELOPE));
        }
        assertEquals("message", e.field());
        assertTrue(e.getMessage().startsWith("MAILROOM-1028") && e.getMessage().contains("outboxMaxMegabytes"),
                e.getMessage());
        assertEquals(0, spoolFiles());
        xa.end(xid, XAResource.TMSUCCESS);
        xa.rollback(xid);
    }

    private long spoolFiles() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.count();
        }
    }

    private static Xid xid(String name) {
        return XaMailroom.xid(name);
    }
}
