package io.mailroom.sample;

import io.mailroom.api.OutboxStatus;
import io.mailroom.cdi.MailSender;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/outbox}: queued, deferred, in-doubt and dead messages. */
@Path("outbox")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {
    @Inject
    MailSender mail;

    @GET
    public OutboxStatus status() {
        return mail.outboxStatus();
    }
}
