package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.ConcurrentLoop;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.Workload;
import io.vertx.core.Vertx;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scenario 8: Vert.x's mail client, the engine under Quarkus Mailer, with its connection pool
 * sized to the connection count, keep-alive and pipelining on (its defaults), TCP_NODELAY on
 * (Vert.x's default). As many threads as connections each wait for their message's result, as
 * blocking application code does.
 *
 * <p>vertx-mail-client 5.0.7 sometimes never sends EHLO on a new connection to a server on
 * loopback: {@code SMTPEndPoint.connect} hands the socket to the pool and the reply handler is set
 * only later, in {@code SMTPConnection.init()}; Vert.x's {@code NetSocketImpl} drops data that
 * arrives while a socket has no handler, so a {@code 220} greeting that comes first (smtp-sink
 * answers within microseconds) is lost and the connection waits for it forever. A send not done
 * within {@link #HANG_SECONDS} is reported as that {@link PeerHang}, and the runner repeats the
 * run with a new client. (Behind the 10 ms proxy the greeting comes late enough: never seen there.)
 */
public final class VertxMailScenario extends ComparedScenario {
    /** The version on the class path, for the table. */
    static final String VERSION = versionOf();
    /** Far beyond any send's time here (100 KB on loopback, or 1 KB behind the 10 ms proxy: milliseconds): longer is the hang above. */
    public static final int HANG_SECONDS = 5;

    /** @param settings the sink and the number of threads and pooled connections */
    public VertxMailScenario(LoadSettings settings) {
        super(ScenarioKind.VERTX, settings);
    }

    @Override
    public Trial prepare(Workload workload) {
        int connections = settings.connections();
        Vertx vertx = Vertx.vertx();
        MailConfig config = new MailConfig()
                .setHostname(LoadSettings.HOST)
                .setPort(settings.port())
                .setStarttls(StartTLSOptions.DISABLED)
                .setMaxPoolSize(connections)
                .setKeepAlive(true)
                .setPipelining(true)
                // The name for EHLO, as Mailroom's benchmark settings leave it to a fixed value too: without
                // it Vert.x looks up the local host name, which on a host without DNS stalls its first messages.
                .setOwnHostname("localhost");
        config.setTcpNoDelay(true);
        if (settings.tls()) {
            config.setSsl(true);
            config.setTrustOptions(new PfxOptions().setPath(settings.trustStore().toString())
                    .setPassword(LoadSettings.TRUST_STORE_PASSWORD));
        }
        MailClient client = MailClient.create(vertx, config);
        String body = Payload.body(workload.bodyBytes());
        return new Trial() {
            @Override
            public void run() throws Exception {
                try {
                    ConcurrentLoop.run(connections, workload.count(), settings.runLimit(), () -> index -> client.sendMail(
                            new MailMessage()
                                    .setFrom(Payload.FROM)
                                    .setTo(Payload.recipient(index))
                                    .setSubject(Payload.subject(index))
                                    .setText(body))
                            .toCompletionStage().toCompletableFuture().get(HANG_SECONDS, TimeUnit.SECONDS));
                } catch (TimeoutException e) {
                    throw new PeerHang("a Vert.x send not done within " + HANG_SECONDS + " s (the greeting race, see VertxMailScenario)", e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // A client with a hung connection (see above) may not close: Vert.x itself is closed below.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while Vert.x closed", e);
                }
                try {
                    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("Vert.x did not close", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while Vert.x closed", e);
                }
            }
        };
    }

    private static String versionOf() {
        String v = MailClient.class.getPackage().getImplementationVersion();
        return v != null ? v : "5.0.7";
    }
}
