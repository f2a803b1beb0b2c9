package io.mailroom.admin;

import io.mailroom.api.OutboxAdmin;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.logging.Logger;

/**
 * The outbox admin API. {@code GET} only reads; every change is a {@code POST} or {@code DELETE}
 * and passes {@link CsrfFilter} first. Each change is logged with the user who made it.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {
    private static final Logger LOG = Logger.getLogger(OutboxResource.class.getName());
    static final int MAX_LIMIT = 1000;

    @Context
    private HttpServletRequest request;

    @Context
    private SecurityContext security;

    /** Who is logged in, whether delivery is paused, and this session's CSRF token. */
    @GET
    @Path("session")
    public JsonObject session() {
        return Json.createObjectBuilder()
                .add("user", security.getUserPrincipal().getName())
                .add("csrfToken", CsrfFilter.tokenFor(request.getSession(true)))
                .add("csrfHeader", CsrfFilter.HEADER)
                .build();
    }

    /** Waiting messages (queued, deferred, in doubt), oldest first, and dead letters, newest first. */
    @GET
    @Path("outbox")
    public JsonObject outbox(@QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException(error(Response.Status.BAD_REQUEST, AdminMessages.badLimit(limit, MAX_LIMIT)));
        }
        OutboxAdmin admin = AdminSettings.outboxAdmin();
        return JsonViews.outbox(admin.paused(), admin.entries(limit), admin.deadLetters(limit));
    }

    /** The header part of a waiting message or a dead letter, as stored. */
    @GET
    @Path("messages/{id}/headers")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    public String headers(@PathParam("id") long id) {
        return AdminSettings.outboxAdmin().headers(id)
                .orElseThrow(() -> new NotFoundException(error(Response.Status.NOT_FOUND, AdminMessages.noSuchMessage(id))));
    }

    /** Queues a dead letter again, due now; answers the new message id. */
    @POST
    @Path("dead-letters/{id}/requeue")
    public JsonObject requeue(@PathParam("id") long id) {
        long requeued = AdminSettings.outboxAdmin().requeue(id)
                .orElseThrow(() -> new NotFoundException(error(Response.Status.NOT_FOUND, AdminMessages.noSuchDeadLetter(id))));
        LOG.info(() -> "dead letter " + id + " requeued as " + requeued + " by " + user());
        return Json.createObjectBuilder().add("id", requeued).build();
    }

    /** Deletes a dead letter for good. */
    @DELETE
    @Path("dead-letters/{id}")
    public Response delete(@PathParam("id") long id) {
        if (!AdminSettings.outboxAdmin().delete(id)) {
            throw new NotFoundException(error(Response.Status.NOT_FOUND, AdminMessages.noSuchDeadLetter(id)));
        }
        LOG.info(() -> "dead letter " + id + " deleted by " + user());
        return Response.noContent().build();
    }

    /** Pauses delivery: the message in hand finishes, no more are taken; until resumed or restarted. */
    @POST
    @Path("delivery/pause")
    public JsonObject pause() {
        AdminSettings.outboxAdmin().pause();
        LOG.info(() -> "delivery paused by " + user());
        return Json.createObjectBuilder().add("paused", true).build();
    }

    /** Resumes delivery. */
    @POST
    @Path("delivery/resume")
    public JsonObject resume() {
        AdminSettings.outboxAdmin().resume();
        LOG.info(() -> "delivery resumed by " + user());
        return Json.createObjectBuilder().add("paused", false).build();
    }

    private String user() {
        return security.getUserPrincipal() == null ? "?" : security.getUserPrincipal().getName();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", message).build().toString()).build();
    }
}
