package io.mailroom.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's REST API answers mistakes with JSON a person can read, never a Java exception:
 * against the same server as {@link SampleBrowserIT}, with no browser.
 */
class SampleApiIT {
    private static final String PAGE = SampleServer.PAGE;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void awaitServer() throws InterruptedException {
        SampleServer.awaitPage();
    }

    @Test
    void aMessageRolledBackOnPurposeIsA409SayingSo() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(PAGE + "api/mail"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\"api@example.com\",\"subject\":\"rolled back by the API test\",\"body\":\"x\","
                                + "\"html\":false,\"failAfterSending\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(409, response.statusCode(), response.body());
        assertTrue(response.body().contains("failed on purpose after sending: the transaction rolled back"), response.body());
    }

    @Test
    void anUnknownApiPathIsA404WithAJsonMessage() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(PAGE + "api/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode(), response.body());
        assertTrue(response.body().matches("\\{\"error\":\"nothing at /(.*/)?api/nothing-here\"}"), response.body());
    }

    @Test
    void aBodyThatIsNotJsonIsA400WithAJsonMessage() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(PAGE + "api/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\": oops"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\""), response.body());
        assertTrue(response.body().contains("not the JSON expected"), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }
}
