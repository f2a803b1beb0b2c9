package io.mailroom.it;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import io.mailroom.testsupport.ConnectionCountingProxy;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/** What the tests observe on the SMTP side: the messages that arrived and the connections opened. */
record Mailbox(GreenMail greenMail, ConnectionCountingProxy proxy) {

    /** Empties the mailbox and the connection count, so a test sees only its own traffic. */
    Mailbox reset() throws FolderException {
        greenMail.purgeEmailFromAllMailboxes();
        proxy.resetCount();
        return this;
    }

    /** Waits (up to 30 s) until {@code count} copies arrived (one per recipient), then returns them all. */
    List<MimeMessage> awaitMessages(int count) {
        greenMail.waitForIncomingEmail(30_000, count);
        return List.of(greenMail.getReceivedMessages());
    }

    List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    int connectionsOpened() {
        return proxy.connectionsAccepted();
    }
}
