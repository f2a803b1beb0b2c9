package io.mailroom.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** {@code /api/orders}: place an order (saved with its confirmation mail, in one transaction), list orders. */
@Path("orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    @Inject
    Shop shop;

    @Inject
    Orders orders;

    /** @return the order, or 409 with the message when the page asked for a rollback */
    @POST
    public Response place(OrderRequest request) throws SQLException {
        Order order = shop.placeOrder(request);
        if (request.failAfterSaving()) {
            return Response.status(Response.Status.CONFLICT).entity(Map.of("error", Shop.ORDER_ROLLED_BACK)).build();
        }
        return Response.ok(order).build();
    }

    @GET
    public List<Order> list() throws SQLException {
        return orders.all();
    }
}
