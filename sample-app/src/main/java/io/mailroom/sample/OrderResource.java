package io.mailroom.sample;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/** {@code /api/orders}: place an order (saved with its confirmation mail, in one transaction), list orders. */
@Path("orders")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {
    @Inject
    Shop shop;

    @Inject
    Orders orders;

    @POST
    public Order place(OrderRequest request) throws SQLException {
        return shop.placeOrder(request);
    }

    @GET
    public List<Order> list() throws SQLException {
        return orders.all();
    }
}
