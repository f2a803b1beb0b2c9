package io.mailroom.sample;

import io.mailroom.api.SendReceipt;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code POST /api/mail}: sends a composed message in a transaction. */
@Path("mail")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MailResource {
    @Inject
    Shop shop;

    /** @return the receipt, or 409 with the message when the page asked for a rollback */
    @POST
    public Response send(ComposeRequest request) {
        SendReceipt receipt = shop.compose(request);
        if (request.failAfterSending()) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", Shop.MESSAGE_ROLLED_BACK)).build();
        }
        return Response.ok(receipt).build();
    }
}
