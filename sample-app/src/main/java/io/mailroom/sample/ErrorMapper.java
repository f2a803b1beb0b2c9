package io.mailroom.sample;

import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Turns failures into JSON the page shows: a rollback on purpose (409), bad input naming the field
 * (400), the outbox or SMTP server unavailable (503).
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception e) {
        Throwable cause = rootOfInterest(e);
        if (cause instanceof Shop.FailedOnPurpose) {
            return json(Response.Status.CONFLICT, Map.of("error", cause.getMessage()));
        }
        if (cause instanceof InvalidEmailException invalid) {
            return json(Response.Status.BAD_REQUEST, Map.of("error", invalid.getMessage(), "field", invalid.field()));
        }
        if (cause instanceof MailException) {
            return json(Response.Status.SERVICE_UNAVAILABLE, Map.of("error", cause.getMessage()));
        }
        return json(Response.Status.INTERNAL_SERVER_ERROR, Map.of("error", String.valueOf(cause)));
    }

    /** The @Transactional interceptor may wrap the application's exception. */
    private static Throwable rootOfInterest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Shop.FailedOnPurpose || t instanceof MailException) {
                return t;
            }
        }
        return e;
    }

    private static Response json(Response.Status status, Map<String, String> body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
