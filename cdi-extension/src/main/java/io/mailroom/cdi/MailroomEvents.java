package io.mailroom.cdi;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.SendReceipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Turns what happens to mail into CDI events the application observes: {@link MailQueued},
 * {@link MailSent} and {@link MailFailed}. Outcomes of queued mail come from the adapter's
 * delivery threads and are fired on a managed thread of the application.
 */
@ApplicationScoped
public class MailroomEvents {
    @Inject
    Event<MailQueued> queued;

    @Inject
    Event<MailSent> sent;

    @Inject
    Event<MailFailed> failed;

    private static final Logger LOG = Logger.getLogger(MailroomEvents.class.getName());

    private volatile Executor applicationThreads;

    void queued(String sender, SendReceipt receipt) {
        queued.fire(new MailQueued(sender, receipt.messageId(), receipt.accepted()));
    }

    void sent(String sender, SendReceipt receipt) {
        sent.fire(new MailSent(sender, receipt.messageId(), receipt));
    }

    /**
     * A listener for the adapter that fires this sender's delivery outcomes as events, on the
     * server's managed executor (with the application's context); outside a server, where there
     * is none, on {@link ManagedThreads#eventThread()}, said once in the log ({@code MAILROOM-7006}).
     * Call on the application's thread.
     */
    DeliveryListener listenerFor(String sender) {
        if (applicationThreads == null) {
            applicationThreads = ManagedThreads.lookup().orElseGet(() -> {
                LOG.info(Messages.noManagedExecutor());
                return ManagedThreads.eventThread();
            });
        }
        Executor threads = applicationThreads;
        return new DeliveryListener() {
            @Override
            public void sent(String messageId, SendReceipt receipt) {
                threads.execute(() -> sent.fire(new MailSent(sender, messageId, receipt)));
            }

            @Override
            public void deferred(String messageId, String reason, Instant nextAttempt) {
                // Deferrals are retried; only the final outcome is an event.
            }

            @Override
            public void failed(String messageId, String reason) {
                threads.execute(() -> failed.fire(new MailFailed(sender, messageId, reason)));
            }
        };
    }
}
