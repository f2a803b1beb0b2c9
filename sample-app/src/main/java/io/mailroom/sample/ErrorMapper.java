package io.mailroom.sample;

import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every failure into JSON with a message the page (or a curl user) can read, never a Java
 * exception: bad input naming the field (400), a body that is not
 * the JSON expected (400), an unknown path (404), the outbox or SMTP server unavailable (503);
 * anything else is a 500 that points at the server log, where the exception is.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Exception e) {
        Throwable cause = rootOfInterest(e);
        if (cause instanceof InvalidEmailException invalid) {
            return json(Response.Status.BAD_REQUEST, Map.of("error", invalid.getMessage(), "field", invalid.field()));
        }
        if (cause instanceof MailException) {
            return json(Response.Status.SERVICE_UNAVAILABLE, Map.of("error", cause.getMessage()));
        }
        if (cause instanceof JsonbException || cause instanceof JsonParsingException || cause instanceof ProcessingException) {
            return json(Response.Status.BAD_REQUEST, Map.of("error", "the request body is not the JSON expected here"));
        }
        if (cause instanceof NotFoundException) {
            return json(Response.Status.NOT_FOUND, Map.of("error", "nothing at /" + path()));
        }
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            return json(status.getStatusCode(), Map.of("error", status.getReasonPhrase()));
        }
        LOG.log(Level.SEVERE, "request to /" + path() + " failed", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(),
                Map.of("error", "the request failed on the server; its log has the details"));
    }

    /** The @Transactional interceptor and the JSON-B provider may wrap the exception of interest. */
    private static Throwable rootOfInterest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MailException || t instanceof JsonbException
                    || t instanceof JsonParsingException) {
                return t;
            }
        }
        return e;
    }

    private String path() {
        return uri == null ? "" : uri.getRequestUri().getRawPath().replaceFirst("^/", "");
    }

    private static Response json(Response.Status status, Map<String, String> body) {
        return json(status.getStatusCode(), body);
    }

    private static Response json(int status, Map<String, String> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
