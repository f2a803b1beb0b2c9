package io.mailroom.cdi;

import io.mailroom.api.Email;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.MailException;
import io.mailroom.api.PermanentDeliveryException;
import io.mailroom.api.SendReceipt;
import io.mailroom.api.TransientDeliveryException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The synchronous and asynchronous send paths, guarded by MicroProfile Fault Tolerance. Every
 * value below is a default that the standard keys override, for example
 * {@code io.mailroom.cdi.FaultTolerantSender/sendNow/Retry/maxRetries=5} or
 * {@code io.mailroom.cdi.FaultTolerantSender/CircuitBreaker/delay=60000} (see the README).
 *
 * <ul>
 * <li>Retry only what may succeed later: a network failure or a 4xx reply. Never a 5xx reply or
 *     bad input.</li>
 * <li>The circuit breaker counts the same failures; while it is open the message is enqueued into
 *     the durable outbox instead, and the delivery workers send it once the server is back. Inside
 *     a JTA transaction it is enqueued on that transaction (written only if it commits); an
 *     asynchronous send whose caller is in a transaction cannot join it from its own thread and
 *     fails instead ({@code MAILROOM-7007}), so nothing escapes a transaction that rolls back.</li>
 * </ul>
 *
 * <p>The circuit breaker's state is per method, shared by all senders of the application.
 */
@ApplicationScoped
public class FaultTolerantSender {
    @Inject
    TransactionProbe transactions;

    /** Sends now on the calling thread. */
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = {MailConnectionException.class, TransientDeliveryException.class},
            abortOn = {InvalidEmailException.class, PermanentDeliveryException.class})
    @Timeout(30_000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30_000,
            failOn = {MailConnectionException.class, TransientDeliveryException.class})
    @Bulkhead(16)
    @Fallback(fallbackMethod = "enqueueWhileOpen", applyOn = CircuitBreakerOpenException.class)
    public SendReceipt sendNow(MailConnectionFactory factory, Email email) {
        try (MailConnection mail = factory.getConnection()) {
            return mail.send(email);
        }
    }

    /** Sends on a managed thread. */
    @Asynchronous
    @Retry(maxRetries = 2, delay = 200, jitter = 100,
            retryOn = {MailConnectionException.class, TransientDeliveryException.class},
            abortOn = {InvalidEmailException.class, PermanentDeliveryException.class})
    @Timeout(30_000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30_000,
            failOn = {MailConnectionException.class, TransientDeliveryException.class})
    @Bulkhead(value = 16, waitingTaskQueue = 256)
    @Fallback(fallbackMethod = "enqueueWhileOpenAsync", applyOn = CircuitBreakerOpenException.class)
    public CompletionStage<SendReceipt> sendAsync(MailConnectionFactory factory, Email email, boolean callerInTransaction) {
        try (MailConnection mail = factory.getConnection()) {
            return CompletableFuture.completedFuture(mail.send(email));
        }
    }

    SendReceipt enqueueWhileOpen(MailConnectionFactory factory, Email email) {
        try (MailConnection mail = factory.getConnection()) {
            // In a transaction the connection is enlisted and send() enqueues on it: the message
            // is written if, and only if, the transaction commits. Outside one, durably now.
            return transactions.inTransaction() ? mail.send(email) : mail.enqueue(email);
        }
    }

    CompletionStage<SendReceipt> enqueueWhileOpenAsync(MailConnectionFactory factory, Email email, boolean callerInTransaction) {
        if (callerInTransaction) {
            return CompletableFuture.failedFuture(new MailException(Messages.circuitOpenInTransaction()));
        }
        return CompletableFuture.completedFuture(enqueueWhileOpen(factory, email));
    }
}
