package io.mailroom.admin;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Cross-site request forgery protection for every request that can change state (anything but
 * {@code GET}, {@code HEAD}, {@code OPTIONS}): it must carry the header {@value #HEADER} with the
 * token {@code GET api/session} issued to this HTTP session, and, when the browser sends an
 * {@code Origin}, come from the module's own origin. A browser caches BASIC credentials and would
 * send them with a forged cross-site form; it cannot add the header, nor read the token. Refusals
 * are {@code 403} with {@code MAILROOM-7902}/{@code 7903}.
 */
@Provider
public class CsrfFilter implements ContainerRequestFilter {
    static final String HEADER = "X-CSRF-Token";
    static final String SESSION_ATTRIBUTE = "io.mailroom.admin.csrf";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Context
    private HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (SAFE.contains(context.getMethod())) {
            return;
        }
        String origin = context.getHeaderString("Origin");
        String own = request.getScheme() + "://" + context.getHeaderString("Host");
        if (origin != null && !origin.equalsIgnoreCase(own)) {
            context.abortWith(refused(AdminMessages.foreignOrigin(origin, own)));
            return;
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        if (!(expected instanceof String token) || !matches(token, context.getHeaderString(HEADER))) {
            context.abortWith(refused(AdminMessages.csrfTokenMissing(HEADER)));
        }
    }

    /** @return this session's token, issued on first call: 256 random bits, URL-safe Base64 */
    static String tokenFor(HttpSession session) {
        synchronized (session) {
            Object token = session.getAttribute(SESSION_ATTRIBUTE);
            if (token instanceof String existing) {
                return existing;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String issued = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_ATTRIBUTE, issued);
            return issued;
        }
    }

    /** Constant-time comparison: the time taken says nothing about how much of a guess was right. */
    static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static Response refused(String message) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", message).build().toString()).build();
    }
}
