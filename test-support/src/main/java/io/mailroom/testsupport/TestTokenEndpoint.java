package io.mailroom.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 token endpoint on loopback (the JDK's {@link HttpServer}) for one client: the
 * refresh-token grant, optionally rotating the refresh token with every use, and the
 * client-credentials grant. The access tokens it issued are what an SMTP test server accepts
 * ({@link #isValid}) until {@link #revokeAccessTokens()}. A resource server (Dovecot's
 * {@code oauth2} passdb) can ask about a token at {@link #introspectionUrl()} (RFC 7662: a form
 * POST of {@code token}, answered with {@code active} and the {@code username} of
 * {@link #subject(String)}).
 */
public final class TestTokenEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final Set<String> validAccessTokens = ConcurrentHashMap.newKeySet();
    private final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String refreshToken;
    private volatile boolean rotate;
    private volatile Long expiresInSeconds = 3600L;
    private volatile String subject;

    private TestTokenEndpoint(String clientId, String clientSecret, String refreshToken) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-token-endpoint");
            t.setDaemon(true);
            return t;
        }));
        this.server.createContext("/token", this::token);
        this.server.createContext("/introspect", this::introspect);
        this.server.start();
    }

    /**
     * @param clientId the one client id it knows
     * @param clientSecret that client's secret
     * @param refreshToken the refresh token valid at first, or {@code null}
     * @return a running endpoint; its URL is {@link #url()}
     */
    public static TestTokenEndpoint start(String clientId, String clientSecret, String refreshToken) throws IOException {
        return new TestTokenEndpoint(clientId, clientSecret, refreshToken);
    }

    /** @return {@code http://127.0.0.1:port/token} */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** @return {@code http://127.0.0.1:port/introspect} */
    public URI introspectionUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
    }

    /**
     * @param username whom the tokens are for, as introspection reports it
     * @return this endpoint
     */
    public TestTokenEndpoint subject(String username) {
        this.subject = username;
        return this;
    }

    /**
     * @param on whether each refresh-token grant returns a new refresh token and retires the old one
     * @return this endpoint
     */
    public TestTokenEndpoint rotateRefreshTokens(boolean on) {
        this.rotate = on;
        return this;
    }

    /**
     * @param seconds the {@code expires_in} of new access tokens, or {@code null} to send none
     * @return this endpoint
     */
    public TestTokenEndpoint expiresIn(Long seconds) {
        this.expiresInSeconds = seconds;
        return this;
    }

    /** @return whether the access token was issued here and not revoked */
    public boolean isValid(String accessToken) {
        return validAccessTokens.contains(accessToken);
    }

    /** @return every access and refresh token this endpoint issued, in order */
    public List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    /** Makes every access token issued so far invalid, as if it had expired. */
    public void revokeAccessTokens() {
        validAccessTokens.clear();
    }

    /** @return the refresh token valid now */
    public String refreshToken() {
        return refreshToken;
    }

    /** @return the form parameters of every request, in order */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(form);
            if (!"POST".equals(exchange.getRequestMethod()) || !clientId.equals(form.get("client_id"))
                    || clientSecret != null && !clientSecret.equals(form.get("client_secret"))) {
                respond(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            String grant = form.get("grant_type");
            if ("refresh_token".equals(grant)) {
                if (refreshToken == null || !refreshToken.equals(form.get("refresh_token"))) {
                    respond(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"unknown refresh token\"}");
                    return;
                }
                String rotated = rotate ? "rt-" + UUID.randomUUID() : null;
                if (rotated != null) {
                    refreshToken = rotated;
                }
                respond(exchange, 200, grantJson(rotated));
            } else if ("client_credentials".equals(grant)) {
                respond(exchange, 200, grantJson(null));
            } else {
                respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            }
        }
    }

    private void introspect(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String token = form.get("token");
            boolean active = token != null && isValid(token);
            respond(exchange, 200, active ? "{\"active\":\"true\",\"username\":\"" + subject + "\"}" : "{\"active\":\"false\"}");
        }
    }

    private String grantJson(String newRefreshToken) {
        String accessToken = "at-" + issued.incrementAndGet() + "-" + UUID.randomUUID();
        validAccessTokens.add(accessToken);
        issuedTokens.add(accessToken);
        if (newRefreshToken != null) {
            issuedTokens.add(newRefreshToken);
        }
        Long expires = expiresInSeconds;
        return "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\""
                + (expires == null ? "" : ",\"expires_in\":" + expires)
                + (newRefreshToken == null ? "" : ",\"refresh_token\":\"" + newRefreshToken + "\"")
                + ",\"scope\":\"smtp\",\"ext\":{\"nested\":[1,2]}}";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
