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
 */
public final class VertxMailScenario extends ComparedScenario {
    /** The version on the class path, for the table. */
    static final String VERSION = versionOf();

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
                ConcurrentLoop.run(connections, workload.count(), settings.runLimit(), () -> index -> client.sendMail(
                        new MailMessage()
                                .setFrom(Payload.FROM)
                                .setTo(Payload.recipient(index))
                                .setSubject(Payload.subject(index))
                                .setText(body))
                        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
            }

            @Override
            public void close() throws IOException {
                try {
                    client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
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
