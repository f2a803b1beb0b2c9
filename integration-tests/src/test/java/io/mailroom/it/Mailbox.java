package io.mailroom.it;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import io.mailroom.testsupport.ConnectionCountingProxy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.function.BooleanSupplier;

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

    /** @return how many of the received messages have exactly this subject */
    int count(String subject) {
        try {
            int n = 0;
            for (MimeMessage m : received()) {
                if (subject.equals(m.getSubject())) {
                    n++;
                }
            }
            return n;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks {@code condition} every 50 ms for up to 30 s.
     *
     * @return whether it held before the deadline
     */
    static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    int connectionsOpened() {
        return proxy.connectionsAccepted();
    }
}
