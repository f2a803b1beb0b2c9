package io.mailroom.sample;

import io.mailroom.api.SendReceipt;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/meetings}: sends a meeting request in a transaction. */
@Path("meetings")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MeetingResource {
    @Inject
    Shop shop;

    @POST
    public SendReceipt invite(MeetingRequest request) {
        return shop.invite(request);
    }
}
