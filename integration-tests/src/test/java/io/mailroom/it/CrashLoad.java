package io.mailroom.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transactional sends against the crash-load application from several threads. Remembers for
 * each id whether it asked for commit or rollback, and whether the server acknowledged it.
 */
final class CrashLoad {
    private static final int THREADS = 8;
    private static final double COMMIT_SHARE = 0.7;

    /** What the load asked for and what it was told. */
    enum Outcome {
        /** Asked to commit, answered "committed": must arrive. */
        COMMIT_ACKNOWLEDGED,
        /** Asked to commit, the connection died with the server (a kill): may or may not arrive. */
        COMMIT_CUT,
        /** Asked to commit, answered with an error (HTTP 500 from a failed commit): may or may not arrive. */
        COMMIT_FAILED,
        /** Asked to roll back, whatever the answer: must not arrive. */
        ROLLBACK
    }

    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> twoPhase = new ConcurrentHashMap<>();

    CrashLoad(URI baseUri) {
        this.baseUri = baseUri;
    }

    /** Sends for {@code duration}, then runs {@code atEnd} (a kill) while requests are still in flight. */
    void runFor(Duration duration, Runnable atEnd) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    sendOne();
                }
            }, "crash-load-" + t);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(duration.toMillis());
        atEnd.run();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    private void sendOne() {
        int id = nextId.incrementAndGet();
        boolean commit = ThreadLocalRandom.current().nextDouble() < COMMIT_SHARE;
        boolean both = id % 3 == 0;
        twoPhase.put(id, both);
        outcomes.put(id, commit ? Outcome.COMMIT_CUT : Outcome.ROLLBACK);
        URI uri = baseUri.resolve("send?id=" + id + "&commit=" + commit + "&twoPhase=" + both);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (commit) {
                boolean acknowledged = response.statusCode() == 200 && response.body().equals("committed");
                outcomes.put(id, acknowledged ? Outcome.COMMIT_ACKNOWLEDGED : Outcome.COMMIT_FAILED);
            }
        } catch (IOException e) {
            // The server died under this request: the outcome stays cut (or rollback).
            pause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Map<Integer, Outcome> outcomes() {
        return outcomes;
    }

    boolean isTwoPhase(int id) {
        return twoPhase.getOrDefault(id, false);
    }

    long acknowledgedCommits() {
        return count(Outcome.COMMIT_ACKNOWLEDGED);
    }

    long count(Outcome outcome) {
        return outcomes.values().stream().filter(o -> o == outcome).count();
    }
}
