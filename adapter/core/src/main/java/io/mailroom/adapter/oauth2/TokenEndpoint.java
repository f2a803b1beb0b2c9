package io.mailroom.adapter.oauth2;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OAuth 2.0 token endpoint (RFC 6749 section 3.2), asked with a form POST over
 * {@link HttpClient}, with bounded connect and response times. The client authenticates with
 * {@code client_id} and {@code client_secret} in the form. Failures name the endpoint and the
 * OAuth error code, never a token or the secret.
 */
public final class TokenEndpoint {
    private final URI url;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param url the token endpoint
     * @param clientId the client id
     * @param clientSecret the client secret, or {@code null} for a public client
     * @param scope the scope to ask for, or {@code null}
     * @param connectTimeout how long to wait for the TCP (and TLS) connection
     * @param timeout how long to wait for the response
     */
    public TokenEndpoint(URI url, String clientId, String clientSecret, String scope, Duration connectTimeout,
                         Duration timeout) {
        this.url = url;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What the endpoint granted. */
    record Grant(String accessToken, Duration expiresIn, String refreshToken) {
        @Override
        public String toString() {
            return "Grant[expiresIn=" + expiresIn + "]";
        }
    }

    /**
     * @param grantType {@code refresh_token} or {@code client_credentials}
     * @param parameters further form parameters, for example {@code refresh_token}
     * @return the access token, its lifetime if the endpoint gave one ({@code null} if not), and a
     *         new refresh token if the endpoint rotated it ({@code null} if not)
     * @throws IOException if the endpoint cannot be reached or refuses
     */
    Grant request(String grantType, Map<String, String> parameters) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grantType);
        form.putAll(parameters);
        form.put("client_id", clientId);
        if (clientSecret != null) {
            form.put("client_secret", clientSecret);
        }
        if (scope != null) {
            form.put("scope", scope);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the token endpoint " + url, e);
        } catch (IOException e) {
            throw new IOException("the token endpoint " + url + " cannot be reached: " + e, e);
        }
        return grant(response.statusCode(), response.body());
    }

    private Grant grant(int status, String body) throws IOException {
        Map<String, Object> json;
        try {
            json = FlatJson.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new IOException("the token endpoint " + url + " answered " + status + " with no JSON object ("
                    + e.getMessage() + ")");
        }
        if (status != 200) {
            Object error = json.get("error");
            Object description = json.get("error_description");
            throw new IOException("the token endpoint " + url + " answered " + status
                    + (error instanceof String ? ": " + error : "")
                    + (description instanceof String ? " (" + description + ")" : ""));
        }
        Object token = json.get("access_token");
        if (!(token instanceof String accessToken) || accessToken.isEmpty()) {
            throw new IOException("the token endpoint " + url + " answered 200 without an access_token");
        }
        Object tokenType = json.get("token_type");
        if (tokenType instanceof String type && !type.equalsIgnoreCase("Bearer")) {
            throw new IOException("the token endpoint " + url + " gave a token of type " + type + ", not Bearer");
        }
        Duration expiresIn = json.get("expires_in") instanceof BigDecimal seconds
                ? Duration.ofSeconds(seconds.longValue()) : null;
        Object refresh = json.get("refresh_token");
        return new Grant(accessToken, expiresIn, refresh instanceof String r && !r.isEmpty() ? r : null);
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return "TokenEndpoint[" + url + ", clientId=" + clientId + "]";
    }
}
