package io.mailroom.cdi;

import io.mailroom.api.DeliveryListener;
import io.mailroom.api.Email;
import io.mailroom.api.Envelope;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.MailConnection;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.MailException;
import io.mailroom.api.OutboxStatus;
import io.mailroom.api.SendReceipt;
import io.mailroom.cdi.telemetry.MailTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** A {@link MailSender} bound to one connection factory; the extension makes one per sender name. */
final class DefaultMailSender implements MailSender {
    private final SenderSettings settings;
    private final MailConnectionFactory factory;
    private final FaultTolerantSender guarded;
    private final TransactionProbe transactions;
    private final MailroomEvents events;
    private final Executor applicationThreads;
    private final DeliveryListener deliveryEvents;
    private final MailTelemetry telemetry;
    private final MailTelemetry.Registration recording;

    DefaultMailSender(SenderSettings settings, MailConnectionFactory factory, FaultTolerantSender guarded,
                      TransactionProbe transactions, MailroomEvents events, MailTelemetry telemetry) {
        this.settings = settings;
        this.factory = factory;
        this.guarded = guarded;
        this.transactions = transactions;
        this.events = events;
        // Outside a server bulk sends run on the calling thread, one after the other.
        this.applicationThreads = ManagedThreads.lookup().orElse(Runnable::run);
        this.deliveryEvents = events.listenerFor(settings.name());
        factory.addDeliveryListener(deliveryEvents);
        this.telemetry = telemetry;
        this.recording = telemetry.register(settings.name(), factory);
        factory.addDeliveryListener(recording.listener());
    }

    @Override
    public List<SendReceipt> send(Email... emails) {
        try (MailTelemetry.SendScope span = telemetry.startSend(settings.name(), "send")) {
            try {
                List<SendReceipt> receipts = sendOrQueue(emails);
                span.receipts(receipts);
                return receipts;
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private List<SendReceipt> sendOrQueue(Email[] emails) {
        boolean inTransaction = transactions.inTransaction();
        if (!inTransaction && settings.noTransaction() == NoTransactionMode.SEND_NOW) {
            List<SendReceipt> receipts = new ArrayList<>(emails.length);
            for (Email email : emails) {
                receipts.add(sendNow(email));
            }
            return receipts;
        }
        List<SendReceipt> receipts = new ArrayList<>(emails.length);
        try (MailConnection mail = factory.getConnection()) {
            for (Email email : emails) {
                // Enlisted in the transaction, send() buffers on it; outside one, enqueue() is durable now.
                SendReceipt receipt = inTransaction ? mail.send(email) : mail.enqueue(email);
                receipts.add(receipt);
            }
        }
        receipts.forEach(r -> events.queued(settings.name(), r));
        return receipts;
    }

    @Override
    public SendReceipt sendNow(Email email) {
        Objects.requireNonNull(email, "email");
        try (MailTelemetry.SendScope span = telemetry.startSend(settings.name(), "sendNow")) {
            try {
                SendReceipt receipt = announce(guarded.sendNow(factory, email));
                span.receipts(List.of(receipt));
                return receipt;
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    @Override
    public CompletionStage<SendReceipt> sendAsync(Email email) {
        Objects.requireNonNull(email, "email");
        return guarded.sendAsync(factory, email, transactions.inTransaction()).thenApply(this::announce);
    }

    @Override
    public List<BulkResult> sendAll(Collection<Email> emails) {
        List<Email> all = List.copyOf(emails);
        BulkResult[] results = new BulkResult[all.size()];
        int lanes = Math.min(settings.bulkConnections(), Math.max(1, all.size()));
        List<CompletableFuture<Void>> running = new ArrayList<>(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            int first = lane;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = first; i < all.size(); i += lanes) {
                    results[i] = sendOne(all.get(i));
                }
            }, applicationThreads));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return List.of(results);
    }

    private BulkResult sendOne(Email email) {
        try {
            return new BulkResult(email, sendNow(email), null);
        } catch (MailException e) {
            return new BulkResult(email, null, e);
        }
    }

    @Override
    public SendReceipt sendEml(InputStream eml, Envelope envelope) {
        return onConnection(mail -> mail.sendRaw(eml, envelope));
    }

    @Override
    public SendReceipt sendEml(Path eml, Envelope envelope) {
        try (InputStream in = Files.newInputStream(eml)) {
            return sendEml(in, envelope);
        } catch (IOException e) {
            throw new InvalidEmailException("eml", Messages.unreadableEml(eml.toString(), e.getMessage()), e);
        }
    }

    @Override
    public SendReceipt sendMsg(InputStream msg, Envelope envelope) {
        return onConnection(mail -> mail.sendMsg(msg, envelope));
    }

    @Override
    public SendReceipt sendMsg(Path msg, Envelope envelope) {
        return onConnection(mail -> mail.sendMsg(msg, envelope));
    }

    /** One send on a pooled connection; a queued receipt (in a transaction) fires no sent event. */
    private SendReceipt onConnection(Function<MailConnection, SendReceipt> send) {
        try (MailConnection mail = factory.getConnection()) {
            SendReceipt receipt = send.apply(mail);
            return receipt.status() == SendReceipt.Status.QUEUED ? queued(receipt) : announce(receipt);
        }
    }

    @Override
    public SendReceipt forward(InputStream eml, Envelope envelope) {
        try (MailConnection mail = factory.getConnection()) {
            return announce(mail.sendRaw(eml, envelope));
        }
    }

    @Override
    public OutboxStatus outboxStatus() {
        return factory.outboxStatus();
    }

    /** Stops firing delivery events for this sender (the application is going away). */
    void close() {
        factory.removeDeliveryListener(deliveryEvents);
        factory.removeDeliveryListener(recording.listener());
        recording.close();
    }

    private SendReceipt announce(SendReceipt receipt) {
        if (receipt.status() == SendReceipt.Status.SENT) {
            events.sent(settings.name(), receipt);
        } else {
            events.queued(settings.name(), receipt);
        }
        return receipt;
    }

    private SendReceipt queued(SendReceipt receipt) {
        events.queued(settings.name(), receipt);
        return receipt;
    }

    @Override
    public String toString() {
        return "MailSender[" + settings.name() + " -> " + settings.jndiName() + "]";
    }
}
