package io.mailroom.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.SmtpManagedConnectionFactory;
import io.mailroom.adapter.SmtpResourceAdapter;
import io.mailroom.adapter.StandaloneConnectionManager;
import io.mailroom.api.Email;
import io.mailroom.api.MailConnectionFactory;
import io.mailroom.api.MailException;
import io.mailroom.api.SendReceipt;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the open circuit breaker's fallback does with a message: outside a transaction it is
 * enqueued durably; inside one it must not be written before (or without) the commit.
 */
class CircuitOpenFallbackTest {
    @TempDir
    Path outbox;

    private final SmtpResourceAdapter adapter = new SmtpResourceAdapter();
    private MailConnectionFactory factory;
    private final FaultTolerantSender sender = new FaultTolerantSender();

    @BeforeEach
    void start() throws Exception {
        adapter.start(null);
        int down;
        try (ServerSocket free = new ServerSocket(0)) {
            down = free.getLocalPort(); // nothing listens here: the SMTP server is down
        }
        SmtpManagedConnectionFactory settings = new SmtpManagedConnectionFactory();
        settings.setResourceAdapter(adapter);
        settings.setHost("127.0.0.1");
        settings.setPort(down);
        settings.setConnectTimeoutMillis(1_000);
        settings.setDefaultFrom("app@example.com");
        settings.setOutboxDirectory(outbox.toString());
        factory = (MailConnectionFactory) settings.createConnectionFactory(new StandaloneConnectionManager(2));
    }

    @AfterEach
    void stop() {
        adapter.stop();
    }

    @Test
    void outsideATransactionTheMessageIsEnqueuedDurably() {
        sender.transactions = probe(false);

        SendReceipt receipt = sender.enqueueWhileOpen(factory, email());

        assertEquals(SendReceipt.Status.QUEUED, receipt.status());
        assertEquals(1, queued());
    }

    @Test
    void insideATransactionTheMessageIsNotWrittenToTheOutboxAheadOfTheCommit() {
        sender.transactions = probe(true);

        // A standalone connection is not enlisted, so send() goes to the (down) server; in a
        // server it is enlisted and send() enqueues on the transaction. Either way: not durable now.
        assertThrows(MailException.class, () -> sender.enqueueWhileOpen(factory, email()));
        assertEquals(0, queued());
    }

    @Test
    void anAsynchronousSendFromATransactionFailsInsteadOfEnqueuingOutsideIt() {
        sender.transactions = probe(false); // the async thread runs outside the caller's transaction

        CompletionException e = assertThrows(CompletionException.class,
                () -> sender.enqueueWhileOpenAsync(factory, email(), true).toCompletableFuture().join());
        assertTrue(e.getCause().getMessage().startsWith("MAILROOM-7007"), e.getCause().getMessage());
        assertEquals(0, queued());
    }

    private long queued() {
        return factory.outboxStatus().queued() + factory.outboxStatus().deferred();
    }

    private static Email email() {
        return Email.builder().to("customer@example.org").subject("while the circuit is open").text("hello").build();
    }

    private static TransactionProbe probe(boolean inTransaction) {
        return new TransactionProbe() {
            @Override
            public boolean inTransaction() {
                return inTransaction;
            }
        };
    }
}
