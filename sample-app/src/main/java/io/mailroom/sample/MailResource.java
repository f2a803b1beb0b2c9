package io.mailroom.sample;

import io.mailroom.api.SendReceipt;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/mail}: sends a composed message in a transaction. */
@Path("mail")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MailResource {
    @Inject
    Shop shop;

    @POST
    public SendReceipt send(ComposeRequest request) {
        return shop.compose(request);
    }
}
