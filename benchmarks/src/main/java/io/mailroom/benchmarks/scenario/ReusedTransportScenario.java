package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.ConcurrentLoop;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/**
 * Scenarios 2 and 7: each thread connects one Angus transport and sends all its messages over it;
 * #7 with a socket factory that sets TCP_NODELAY, as Mailroom's sockets have, so that the table
 * separates the socket option from pooling and pipelining.
 */
public final class ReusedTransportScenario extends ComparedScenario {
    private final boolean noDelay;

    /**
     * @param settings the sink and the number of threads
     * @param noDelay {@code true} for #7, TCP_NODELAY on every socket
     */
    public ReusedTransportScenario(LoadSettings settings, boolean noDelay) {
        super(noDelay ? ScenarioKind.REUSED_TRANSPORT_NODELAY : ScenarioKind.REUSED_TRANSPORT, settings);
        this.noDelay = noDelay;
    }

    @Override
    public Trial prepare(Workload workload) {
        JakartaMessages messages = new JakartaMessages(settings, workload.bodyBytes(), noDelay);
        return () -> ConcurrentLoop.run(settings.connections(), workload.count(), settings.runLimit(), () -> {
            Transport transport = messages.session().getTransport();
            transport.connect();
            return new ConcurrentLoop.Worker() {
                @Override
                public void send(int index) throws Exception {
                    MimeMessage message = messages.compose(index);
                    message.saveChanges();
                    transport.sendMessage(message, message.getAllRecipients());
                }

                @Override
                public void close() throws IOException {
                    try {
                        transport.close();
                    } catch (MessagingException e) {
                        throw new IOException(e);
                    }
                }
            };
        });
    }
}
