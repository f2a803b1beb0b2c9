package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.MailException;
import io.mailroom.api.SendReceipt;

import jakarta.mail.internet.MimeMessage;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A managed connection enlisted the way a server's transaction manager does it, sending to
 * GreenMail: the XA resource works with the outbox sends use, also after the resource adapter
 * restarted, and a send after {@code end(TMFAIL)} does not go out.
 */
class XaEnlistmentTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private XaMailroom mailroom;

    @BeforeEach
    void connect() throws Exception {
        mailroom = new XaMailroom(greenMail.getSmtp().getPort(), settings -> { });
    }

    @AfterEach
    void stop() {
        mailroom.close();
    }

    @Test
    void anXaResourceMadeBeforeTheAdapterRestartedCommitsWhatSendsBufferedAfterIt() throws Exception {
        XAResource xa = mailroom.managed.getXAResource();
        mailroom.adapter.stop(); // closes every outbox
        mailroom.adapter.start(null);

        Xid xid = xid("after-restart");
        xa.start(xid, XAResource.TMNOFLAGS);
        SendReceipt receipt = mailroom.handle.send(email("after restart"));
        xa.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);

        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1), "the committed message arrives");
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals("after restart", received[0].getSubject());
    }

    @Test
    void aSendAfterEndWithTmfailFailsAndNothingGoesOut() throws Exception {
        XAResource xa = mailroom.managed.getXAResource();
        Xid xid = xid("failed");
        xa.start(xid, XAResource.TMNOFLAGS);
        mailroom.handle.send(email("in the failed transaction"));
        xa.end(xid, XAResource.TMFAIL);

        MailException e = assertThrows(MailException.class, () -> mailroom.handle.send(email("after TMFAIL")));
        assertTrue(e.getMessage().startsWith("MAILROOM-2041"), e.getMessage());
        xa.rollback(xid);
        mailroom.handle.send(email("after the rollback"));

        // Outside a transaction a send is synchronous: had the earlier one gone out, it would be here already.
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals("after the rollback", greenMail.getReceivedMessages()[0].getSubject());
    }

    private static Xid xid(String name) {
        return XaMailroom.xid(name);
    }
}
