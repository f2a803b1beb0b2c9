package io.mailroom.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The server under test, whose page is at {@code sample.url}. The build starts WildFly in the
 * background, so the tests first wait (bounded) until the page answers.
 */
final class SampleServer {
    static final String PAGE = System.getProperty("sample.url", "http://localhost:9080/");
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static volatile boolean up;

    private SampleServer() {
    }

    static void awaitPage() throws InterruptedException {
        if (up) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> page = http.send(HttpRequest.newBuilder(URI.create(PAGE + "api/outbox"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (page.statusCode() == 200) {
                    up = true;
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the sample at " + PAGE + " did not answer within " + START_LIMIT);
    }
}
