package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.ConcurrentLoop;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Payload;
import io.mailroom.benchmarks.Workload;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.simplejavamail.api.mailer.Mailer;
import org.simplejavamail.api.mailer.config.TransportStrategy;
import org.simplejavamail.email.EmailBuilder;
import org.simplejavamail.mailer.MailerBuilder;

/**
 * Scenario 3: Simple Java Mail with {@code batch-module} on the class path, which makes every
 * send (synchronous ones too) claim a transport from its SMTP connection pool. The pool is sized
 * to the connection count, and as many threads send synchronously.
 */
public final class SimpleJavaMailScenario extends ComparedScenario {

    /** @param settings the sink and the number of threads and pooled connections */
    public SimpleJavaMailScenario(LoadSettings settings) {
        super(ScenarioKind.SIMPLE_JAVA_MAIL, settings);
    }

    @Override
    public Trial prepare(Workload workload) {
        int connections = settings.connections();
        Mailer mailer = MailerBuilder.withSMTPServer(LoadSettings.HOST, settings.port())
                .withTransportStrategy(TransportStrategy.SMTP)
                .withConnectionPoolCoreSize(0)
                .withConnectionPoolMaxSize(connections)
                .withThreadPoolSize(connections)
                .buildMailer();
        String body = Payload.body(workload.bodyBytes());
        return new Trial() {
            @Override
            public void run() throws Exception {
                ConcurrentLoop.run(connections, workload.count(), settings.runLimit(), () -> index -> mailer.sendMail(
                        EmailBuilder.startingBlank()
                                .from(Payload.FROM)
                                .to(Payload.recipient(index))
                                .withSubject(Payload.subject(index))
                                .withPlainText(body)
                                .buildEmail()));
            }

            @Override
            public void close() throws IOException {
                try {
                    mailer.shutdownConnectionPool().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    throw new IOException("Simple Java Mail's pool did not shut down", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while Simple Java Mail's pool shut down", e);
                }
            }
        };
    }
}
