package io.mailroom.sample;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/inbox}: what the development SMTP server received, newest first. */
@Path("inbox")
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {
    @Inject
    DevSmtpServer smtp;

    @GET
    public List<InboxMessage> list() throws Exception {
        List<InboxMessage> messages = new ArrayList<>();
        for (MimeMessage m : smtp.messages()) {
            messages.add(0, MimeView.of(m));
        }
        return messages;
    }

    @DELETE
    public void clear() throws Exception {
        smtp.clear();
    }
}
