package io.mailroom.sample;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/** {@code /api/inbox}: what the development SMTP server received, newest first. */
@Path("inbox")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {
    @Inject
    DevSmtpServer smtp;

    /**
     * GreenMail lists its messages mailbox by mailbox (recipient by recipient), not in the order
     * they arrived: sorted here by the time each was received, newest first (for the same time, the
     * one GreenMail lists later first).
     */
    @GET
    public List<InboxMessage> list() throws Exception {
        List<MimeMessage> received = new ArrayList<>(smtp.messages());
        Collections.reverse(received);
        received.sort(Comparator.comparing(InboxResource::receivedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        List<InboxMessage> messages = new ArrayList<>();
        for (MimeMessage m : received) {
            messages.add(MimeView.of(m));
        }
        return messages;
    }

    private static Date receivedAt(MimeMessage m) {
        try {
            return m.getReceivedDate();
        } catch (MessagingException e) {
            return null;
        }
    }

    @DELETE
    public void clear() throws Exception {
        smtp.clear();
    }
}
