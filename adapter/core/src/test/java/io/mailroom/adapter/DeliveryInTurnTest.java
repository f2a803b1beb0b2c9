package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.adapter.delivery.RecordedEvents;
import io.mailroom.adapter.smtp.pipelining.PipeliningTransport;
import io.mailroom.api.DeliveryListener;
import io.mailroom.api.Email;
import io.mailroom.api.OutboxAdmin;
import io.mailroom.api.OutboxStatus;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.Await;
import io.mailroom.testsupport.ScriptRule;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery worker with several messages due sends them in turn over its connection: against a
 * server that offers PIPELINING, each message's envelope leaves right behind the previous message,
 * before the reply to its final dot; with CHUNKING too, each whole transaction (opened by RSET)
 * leaves before the replies to the previous one are read. Each message still ends by its own
 * replies. One worker, so the order is fixed; the messages are queued while delivery is paused, so
 * that they are all due when it resumes, and after a first message has opened the connection
 * (before that, the worker cannot know what the server offers). The scripted server, like Postfix,
 * refuses a MAIL FROM while a transaction is open.
 */
class DeliveryInTurnTest {
    private static final String TO = TestMailroom.TO;
    private static final String NOBODY = "nobody@receiver.test";
    private static final String IP_LITERAL = "ops@[127.0.0.1]";
    /** How long the server holds a final dot's reply for the client to send more: far beyond loopback. */
    private static final long HOLD_MILLIS = 1_500;

    @TempDir
    Path outbox;

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;
    private final RecordedEvents events = new RecordedEvents();

    private void start(boolean pipelining) throws Exception {
        start(pipelining, false);
    }

    private void start(boolean pipelining, boolean chunking) throws Exception {
        start(pipelining, chunking, true);
    }

    /** @param pipeliningSetting the factory's {@code pipelining} setting */
    private void start(boolean pipelining, boolean chunking, boolean pipeliningSetting) throws Exception {
        smtp = ScriptedSmtpServer.start();
        if (pipelining) {
            smtp.offerPipelining();
        }
        if (chunking) {
            smtp.offerChunking();
        }
        SmtpManagedConnectionFactory settings = TestMailroom.quickRetries(smtp.port(), outbox);
        settings.setDeliveryWorkers(1);
        settings.setPipelining(pipeliningSetting);
        mailroom = new TestMailroom(settings, 1);
        mailroom.factory().addDeliveryListener(events);
        mailroom.enqueue(TestMailroom.emailTo("opening", TO));
        awaitSettled(1);
        events.sent.clear();
    }

    @AfterEach
    void stop() {
        if (mailroom != null) {
            mailroom.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @Test
    void eachEnvelopeFollowsThePreviousMessageWithoutWaitingForItsReply() throws Exception {
        start(true);
        ScriptRule dots = smtp.on(Step.MESSAGE).reply(250, "2.0.0 Ok: queued").holdUntilMoreInput(HOLD_MILLIS);
        // How many messages the server had when each outcome was recorded: each as soon as its reply
        // came, so before the server had the next message whole (after the batch, it would have had all).
        List<Integer> receivedWhenRecorded = new CopyOnWriteArrayList<>();
        mailroom.factory().addDeliveryListener(new DeliveryListener() {
            @Override
            public void sent(String messageId, SendReceipt receipt) {
                receivedWhenRecorded.add(smtp.messages().size());
            }
        });

        queueAll(Map.of("second", IP_LITERAL), "first", "second", "third");

        awaitSettled(4);
        assertEquals(List.of("opening", "first", "second", "third"), subjects());
        assertEquals(List.of(IP_LITERAL), smtp.messages().get(2).recipients());
        assertEquals(2, dots.answeredAfterMoreInput(), "the next envelope came before the reply to the dot (the last had none)");
        assertEquals(2, smtp.reads().stream().filter(r -> r.contains("\r\n.\r\nMAIL FROM:<shop@sender.test>\r\n")
                && r.endsWith("DATA\r\n")).count(), "a message, its dot and the next envelope in one write: " + smtp.reads());
        assertEquals(3, events.sent.size(), events.toString());
        assertEquals(List.of(), events.deferred);
        assertEquals(List.of(2, 3, 4), receivedWhenRecorded, "the opening message, then one more per outcome");
    }

    /** The control: in lockstep the client waits for every reply, so the server holds each in vain. */
    @Test
    void withoutPipeliningEachMessageWaitsForItsReply() throws Exception {
        start(false);
        ScriptRule dots = smtp.on(Step.MESSAGE).reply(250, "2.0.0 Ok: queued").holdUntilMoreInput(300);

        queueAll("first", "second");

        awaitSettled(3);
        assertEquals(List.of("opening", "first", "second"), subjects());
        assertEquals(0, dots.answeredAfterMoreInput());
    }

    /**
     * A message larger than one chunk goes through DATA even with CHUNKING; in a batch, the
     * transaction on the wire before it is answered first, and the one after it goes in turn again.
     */
    @Test
    void withChunkingAMessageTooLargeForOneChunkGoesThroughDataBetweenTheOthers() throws Exception {
        start(true, true);
        String line = "x".repeat(76) + "\n";
        Email large = Email.builder().from(TestMailroom.FROM).to(TO).subject("large")
                .text(line.repeat(PipeliningTransport.CHUNK_LIMIT / line.length() + 1000)).build();
        OutboxAdmin admin = mailroom.factory().outboxAdmin();
        admin.pause();
        mailroom.enqueue(TestMailroom.emailTo("first", TO));
        mailroom.enqueue(large);
        mailroom.enqueue(TestMailroom.emailTo("third", TO));
        admin.resume();

        awaitSettled(4);
        assertEquals(List.of("opening", "first", "large", "third"), subjects());
        assertEquals(1, smtp.reads().stream().filter(r -> r.contains("DATA\r\n")).count(), "the large one through DATA");
        assertEquals(3, events.sent.size(), events.toString());
        assertEquals(List.of(), events.deferred);
    }

    /** The README's promise for {@code pipelining=false}: one queued message at a time, each waiting for its replies. */
    @Test
    void withPipeliningSwitchedOffQueuedMessagesGoOneAtATime() throws Exception {
        start(true, true, false);
        ScriptRule replies = smtp.on(Step.MESSAGE).reply(250, "2.0.0 Ok: queued").holdUntilMoreInput(300);

        queueAll("first", "second");

        awaitSettled(3);
        assertEquals(List.of("opening", "first", "second"), subjects());
        assertEquals(0, replies.answeredAfterMoreInput());
        assertTrue(smtp.reads().stream().noneMatch(r -> r.contains("RSET") || r.contains("BDAT")), smtp.reads().toString());
    }

    @Test
    void aMessageRefusedAtItsFinalDotIsDeadLetteredAndTheNextOnesAreDelivered() throws Exception {
        start(true);
        smtp.on(Step.MESSAGE).reply(554, "5.7.1 message content rejected").times(1); // the first message's dot

        queueAll("refused", "second", "third");

        awaitSettled(4);
        assertEquals(List.of("opening", "second", "third"), subjects());
        OutboxStatus status = status();
        assertEquals(1, status.dead());
        String reason = status.recentDeadLetters().get(0).reason();
        assertTrue(reason.contains("554") && reason.contains("content rejected"), reason);
        assertEquals(2, events.sent.size());
    }

    @Test
    void aMessageWhoseRecipientIsRefusedDoesNotDisturbTheOthers() throws Exception {
        start(true);
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");

        queueAll(Map.of("first", TO, "nobody", NOBODY, "third", TO), "first", "nobody", "third");

        awaitSettled(4);
        assertEquals(List.of("opening", "first", "third"), subjects());
        assertEquals(List.of(NOBODY), status().recentDeadLetters().get(0).recipients());
    }

    @Test
    void aConnectionLostBeforeAMessagesReplyDefersItAndNothingIsSentTwice() throws Exception {
        start(true);
        // The first message's dot: 421 and the connection closes; the second message's envelope is then
        // on its way to a closed connection. The first is retried after its backoff, the second at once
        // on a new connection.
        smtp.on(Step.MESSAGE).replyAndClose(421, "4.3.2 shutting down").times(1);

        queueAll("lost", "second", "third");

        awaitSettled(4);
        Map<String, Long> times = subjects().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of("opening", 1L, "lost", 1L, "second", 1L, "third", 1L), times);
        assertTrue(events.deferred.stream().anyMatch(r -> r.contains("421")), events.deferred.toString());
        assertEquals(0, status().dead());
    }

    @Test
    void withChunkingEachTransactionLeavesBeforeThePreviousOnesRepliesAreRead() throws Exception {
        start(true, true);
        ScriptRule chunks = smtp.on(Step.MESSAGE).reply(250, "2.0.0 Ok: queued").holdUntilMoreInput(HOLD_MILLIS);

        queueAll(Map.of("second", IP_LITERAL), "first", "second", "third");

        awaitSettled(4);
        assertEquals(List.of("opening", "first", "second", "third"), subjects());
        assertEquals(List.of(IP_LITERAL), smtp.messages().get(2).recipients());
        assertEquals(2, chunks.answeredAfterMoreInput(), "the next transaction came before the chunk's reply (the last had none)");
        String wire = String.join("", smtp.reads());
        assertEquals(2, count(wire, "RSET\r\nMAIL FROM:<shop@sender\\.test>"),
                "the second and third transactions open with RSET: " + smtp.reads());
        assertEquals(4, count(wire, "BDAT \\d+ LAST"), "every message with BDAT, the opening one too: " + smtp.reads());
        assertEquals(3, events.sent.size(), events.toString());
        assertEquals(List.of(), events.deferred);
    }

    /**
     * The first transaction's only recipient is refused, so its BDAT is refused and the server keeps
     * the transaction open (as Postfix's "no valid recipients"); the next, already on the wire, must
     * not meet it: without its RSET the server refuses its MAIL FROM as nested and would take its
     * RCPT and content into the refused transaction.
     */
    @Test
    void withChunkingARefusedTransactionDoesNotDisturbTheNextOneOnTheWire() throws Exception {
        start(true, true);
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");

        queueAll(Map.of("nobody", NOBODY), "nobody", "second", "third");

        awaitSettled(4);
        assertEquals(List.of("opening", "second", "third"), subjects());
        assertEquals(List.of(TO), smtp.messages().get(1).recipients());
        OutboxStatus status = status();
        assertEquals(1, status.dead());
        assertEquals(List.of(NOBODY), status.recentDeadLetters().get(0).recipients());
        assertEquals(2, events.sent.size(), events.toString());
    }

    /** The last message of a batch fails with its transaction left open: RSET before the connection's next use. */
    @Test
    void withChunkingAFailedLastTransactionIsResetBeforeTheNextMessage() throws Exception {
        start(true, true);
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");

        queueAll(Map.of("nobody", NOBODY), "first", "nobody");
        awaitSettled(3);
        mailroom.enqueue(TestMailroom.emailTo("after", TO));

        awaitSettled(4);
        assertEquals(List.of("opening", "first", "after"), subjects());
        assertEquals(1, status().dead());
    }

    @Test
    void withChunkingAMessageRefusedAtItsChunkIsDeadLetteredAndTheNextOnesAreDelivered() throws Exception {
        start(true, true);
        smtp.on(Step.MESSAGE).reply(554, "5.7.1 message content rejected").times(1);

        queueAll("refused", "second", "third");

        awaitSettled(4);
        assertEquals(List.of("opening", "second", "third"), subjects());
        String reason = status().recentDeadLetters().get(0).reason();
        assertTrue(reason.contains("554") && reason.contains("content rejected"), reason);
        assertEquals(2, events.sent.size());
    }

    @Test
    void withChunkingAConnectionLostBeforeTheRepliesDefersTheMessagesOnTheWireAndNothingIsSentTwice() throws Exception {
        start(true, true);
        // The first transaction's chunk: 421 and the connection closes, with the second transaction
        // written behind it. Both are deferred (the second's outcome is unknown) and sent once later;
        // the messages after them go over a new connection, not the closed one.
        smtp.on(Step.MESSAGE).replyAndClose(421, "4.3.2 shutting down").times(1);

        queueAll("lost", "second", "third", "fourth");

        awaitSettled(5);
        Map<String, Long> times = subjects().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of("opening", 1L, "lost", 1L, "second", 1L, "third", 1L, "fourth", 1L), times);
        assertTrue(events.deferred.stream().anyMatch(r -> r.contains("421")), events.deferred.toString());
        assertEquals(0, status().dead());
    }

    private static long count(String text, String regex) {
        return java.util.regex.Pattern.compile(regex).matcher(text).results().count();
    }

    private void queueAll(String... subjects) throws Exception {
        queueAll(Map.of(), subjects);
    }

    /** Queues one message per subject, to {@code to.get(subject)} or the usual recipient, all due at once. */
    private void queueAll(Map<String, String> to, String... subjects) throws Exception {
        OutboxAdmin admin = mailroom.factory().outboxAdmin();
        admin.pause();
        for (String subject : subjects) {
            mailroom.enqueue(TestMailroom.emailTo(subject, to.getOrDefault(subject, TO)));
        }
        admin.resume();
    }

    /** Waits until the outbox is empty and {@code messages} were delivered or dead-lettered. */
    private void awaitSettled(int messages) throws InterruptedException {
        Await.until(() -> {
            OutboxStatus s = status();
            return s.queued() + s.deferred() == 0 && smtp.messages().size() + s.dead() >= messages;
        });
        Thread.sleep(300); // a repeat, if there were one, would come now
    }

    private List<String> subjects() {
        return smtp.messages().stream().map(m -> m.text().lines().filter(l -> l.startsWith("Subject: ")).findFirst()
                .orElseThrow().substring("Subject: ".length())).toList();
    }

    private OutboxStatus status() {
        return mailroom.factory().outboxStatus();
    }
}
