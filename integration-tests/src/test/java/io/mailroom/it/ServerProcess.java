package io.mailroom.it;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One server with the crash-load application, run in the foreground as a child process so that
 * it can be SIGKILLed: Open Liberty or WildFly, whichever the build runs the tests on.
 */
abstract class ServerProcess {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private final ProcessBuilder command;
    private final Path deploymentDirectory;
    private final URI baseUri;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /**
     * @param command runs the server in the foreground
     * @param deploymentDirectory where the server deploys applications from when it starts
     * @param httpPort the server's HTTP port on 127.0.0.1
     */
    ServerProcess(ProcessBuilder command, Path deploymentDirectory, int httpPort) {
        this.command = command;
        this.deploymentDirectory = deploymentDirectory;
        this.baseUri = URI.create("http://127.0.0.1:" + httpPort + "/crash/");
    }

    /** @return the crash server of the server the build runs the tests on */
    static ServerProcess crashServer() {
        int httpPort = Integer.getInteger("crash.http.port");
        return ItServer.isWildFly()
                ? new WildFlyProcess(Path.of(System.getProperty("mailroom.wildfly.home")),
                        Path.of(System.getProperty("mailroom.wildfly.crash.base")), httpPort)
                : new LibertyProcess(Path.of(System.getProperty("mailroom.wlp")), "mailroom-crash", httpPort);
    }

    /** Puts the application where the server deploys it from at its next start. */
    void deploy(WebArchive war) {
        war.as(ZipExporter.class).exportTo(deploymentDirectory.resolve(war.getName()).toFile(), true);
    }

    URI baseUri() {
        return baseUri;
    }

    /** Starts the server and waits until the application answers. */
    void start(File log) throws Exception {
        process = command.redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited while starting; see " + log);
            }
            if (status() != null) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not start within " + START_LIMIT + "; see " + log);
    }

    /** SIGKILL to the server JVM and the script that started it: no shutdown hooks, no flush. */
    void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Waits until no message is queued, deferred or in doubt. */
    void awaitDrained(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            String status = status();
            if (status != null && status.startsWith("0 ")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the outbox did not drain within " + limit + "; last status " + status());
    }

    /** @return the prepared branches in doubt in the outboxes now, or -1 if the application does not answer */
    long inDoubt() {
        String status = status();
        return status == null ? -1 : Long.parseLong(status.strip().split(" ")[2]);
    }

    /** @return "pending dead inDoubt", or {@code null} while the application does not answer */
    private String status() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(baseUri.resolve("status"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
