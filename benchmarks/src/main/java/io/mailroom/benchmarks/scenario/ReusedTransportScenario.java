package io.mailroom.benchmarks.scenario;

import io.mailroom.benchmarks.ConcurrentLoop;
import io.mailroom.benchmarks.LoadSettings;
import io.mailroom.benchmarks.Workload;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;

/** Scenario 2: each thread connects one Angus transport and sends all its messages over it. */
public final class ReusedTransportScenario extends ComparedScenario {

    /** @param settings the sink and the number of threads */
    public ReusedTransportScenario(LoadSettings settings) {
        super(ScenarioKind.REUSED_TRANSPORT, settings);
    }

    @Override
    public Trial prepare(Workload workload) {
        JakartaMessages messages = new JakartaMessages(settings.port(), workload.bodyBytes());
        return () -> ConcurrentLoop.run(settings.connections(), workload.count(), settings.runLimit(), () -> {
            Transport transport = messages.session().getTransport("smtp");
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
