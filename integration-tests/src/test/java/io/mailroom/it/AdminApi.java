package io.mailroom.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The outbox admin API over HTTP, from the test JVM, as an operator's script would call it: one
 * user (or none), one cookie jar (so the CSRF token belongs to its session), BASIC credentials on
 * every request. Also the test WAR's fixture that enqueues mail through {@code mail/admin}. Public
 * for the deploy guide ({@code io.mailroom.it.guide}), which calls a module it deployed itself.
 */
public final class AdminApi {
    static final String ADMIN_PATH = "/mailroom-admin/";

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    /** @param user {@code null} for no credentials */
    AdminApi(String user, String password) {
        this(base(), user, password);
    }

    /**
     * @param base the server's {@code http://host:port}
     * @param user {@code null} for no credentials
     */
    public AdminApi(String base, String user, String password) {
        this.base = base;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static AdminApi admin() {
        return new AdminApi("admin", "admin-secret");
    }

    static String base() {
        return "http://127.0.0.1:" + System.getProperty("mailroom.it.admin.http.port");
    }

    /** @return {@code GET path} (below {@code /mailroom-admin/}) */
    public HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    /** A state change: {@code POST} or {@code DELETE}, with the given CSRF token ({@code null}: none). */
    public HttpResponse<String> change(String method, String path, String csrfToken) throws Exception {
        HttpRequest.Builder request = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return send(request);
    }

    /** @return this session's CSRF token, from {@code GET api/session} */
    public String csrfToken() throws Exception {
        HttpResponse<String> session = get("api/session");
        if (session.statusCode() != 200) {
            throw new AssertionError("GET api/session: " + session.statusCode() + " " + session.body());
        }
        return json(session.body()).getString("csrfToken");
    }

    /** @return {@code GET api/outbox}, which must succeed */
    public JsonObject outbox() throws Exception {
        HttpResponse<String> response = get("api/outbox");
        if (response.statusCode() != 200) {
            throw new AssertionError("GET api/outbox: " + response.statusCode() + " " + response.body());
        }
        return json(response.body());
    }

    /** @return the JSON object {@code body} holds */
    public static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** Enqueues one message through {@code mail/admin} in the server; @return its Message-ID */
    static String enqueue(String to, String subject) throws Exception {
        // A form body in UTF-8: how a servlet container decodes a query string is its own choice.
        String form = "to=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&subject="
                + URLEncoder.encode(subject, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base() + "/tests/admin-fixture"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("enqueue: " + response.statusCode() + " " + response.body());
        }
        return response.body().trim();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + ADMIN_PATH + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, text/plain");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
