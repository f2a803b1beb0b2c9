package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.TO;
import static io.mailroom.adapter.TestMailroom.email;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Envelope;
import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailDeliveryException;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import jakarta.resource.ResourceException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mail transaction on the wire against the scripted server, offering neither PIPELINING nor
 * CHUNKING (Angus's lockstep), PIPELINING (envelope and DATA in one write), or both (envelope and
 * {@code BDAT <n> LAST} with the message in one write): every reply combination ends the same way
 * for the application, and the bytes arrive the same.
 */
class PipelinedTransactionTest {
    private static final String NOBODY = "nobody@receiver.test";
    private static final Envelope ENVELOPE = Envelope.of("bounce@sender.test", TO);

    /** What the server offers in its EHLO reply. */
    enum Offer {
        NEITHER(s -> { }),
        PIPELINING(ScriptedSmtpServer::offerPipelining),
        PIPELINING_AND_CHUNKING(s -> s.offerPipelining().offerChunking());

        final Consumer<ScriptedSmtpServer> setUp;

        Offer(Consumer<ScriptedSmtpServer> setUp) {
            this.setUp = setUp;
        }
    }

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;

    private void start(Offer offer) throws Exception {
        start(offer, TestMailroom.settings(0));
    }

    private void start(Offer offer, SmtpManagedConnectionFactory settings) throws Exception {
        smtp = ScriptedSmtpServer.start();
        offer.setUp.accept(smtp);
        settings.setPort(smtp.port());
        mailroom = new TestMailroom(settings, 1);
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

    @ParameterizedTest
    @EnumSource(Offer.class)
    void theTransactionTakesOneWriteWhereTheServerAllows(Offer offer) throws Exception {
        start(offer);
        mailroom.send(TestMailroom.emailTo("Two recipients", TO, "second@receiver.test"));

        List<String> reads = transactionReads();
        switch (offer) {
            case NEITHER -> assertEquals(List.of("MAIL FROM:<shop@sender.test>\r\n", "RCPT TO:<customer@receiver.test>\r\n",
                    "RCPT TO:<second@receiver.test>\r\n", "DATA\r\n"), reads.subList(0, 4), reads.toString());
            case PIPELINING -> {
                assertEquals("MAIL FROM:<shop@sender.test>\r\nRCPT TO:<customer@receiver.test>\r\n"
                        + "RCPT TO:<second@receiver.test>\r\nDATA\r\n", reads.get(0));
                assertTrue(reads.get(1).endsWith("\r\n.\r\n"), reads.get(1)); // the message and its dot: the second write
                assertEquals(2, reads.size(), reads.toString());
            }
            case PIPELINING_AND_CHUNKING -> {
                String only = reads.get(0);
                assertTrue(only.startsWith("MAIL FROM:<shop@sender.test>\r\nRCPT TO:<customer@receiver.test>\r\n"
                        + "RCPT TO:<second@receiver.test>\r\nBDAT "), only);
                assertTrue(only.endsWith("Hello from Two recipients\r\n"), only);
                assertEquals(1, reads.size(), reads.toString()); // one write, one round trip
            }
        }
        assertEquals(List.of(TO, "second@receiver.test"), smtp.messages().get(0).recipients());
        assertTrue(smtp.messages().get(0).text().contains("Subject: Two recipients"));
    }

    @Test
    void switchedOffItIsLockstepEvenWhenTheServerOffersBoth() throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(0);
        settings.setPipelining(false);
        start(Offer.PIPELINING_AND_CHUNKING, settings);

        mailroom.send(email("Lockstep"));

        assertEquals(List.of("MAIL FROM:<shop@sender.test>\r\n", "RCPT TO:<customer@receiver.test>\r\n", "DATA\r\n"),
                transactionReads().subList(0, 3));
    }

    @Test
    void authenticationIsNeverPipelined() throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.withLogin(TestMailroom.settings(0), "user", "secret");
        settings.setAllowPlaintextAuth(true);
        smtp = ScriptedSmtpServer.start().offerPipelining().offerChunking().acceptLogins((u, p) -> true);
        settings.setPort(smtp.port());
        mailroom = new TestMailroom(settings, 1);

        mailroom.send(email("After AUTH"));

        String auth = smtp.reads().stream().filter(r -> r.startsWith("AUTH")).findFirst().orElseThrow();
        assertEquals(1, auth.split("\r\n").length, auth);
        assertEquals(1, transactionReads().size());
        assertEquals(1, smtp.messages().size());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void oneRefusedRecipientIsReportedAndTheOtherGetsTheMessage(Offer offer) throws Exception {
        start(offer);
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");

        SendReceipt receipt = mailroom.send(TestMailroom.emailTo("Partial", NOBODY, TO));

        assertEquals(List.of(TO), receipt.accepted());
        assertEquals(1, receipt.rejected().size());
        assertTrue(receipt.rejected().get(0).startsWith(NOBODY + ": 550 5.1.1 no such user"), receipt.rejected().get(0));
        assertTrue(receipt.serverReply().startsWith("250"), receipt.serverReply());
        assertEquals(List.of(TO), smtp.messages().get(0).recipients());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void everyRecipientRefusedThenDataRefusedIsADeliveryFailureAndTheConnectionGoesOn(Offer offer) throws Exception {
        start(offer);
        smtp.on(Step.RCPT).reply(550, "5.1.1 no such user").times(2);

        MailDeliveryException e = assertThrows(MailDeliveryException.class,
                () -> mailroom.send(TestMailroom.emailTo("Nobody home", NOBODY, TO)));

        assertEquals(550, e.replyCode());
        assertTrue(e.getMessage().startsWith("MAILROOM-3002"), e.getMessage());
        assertNotSent(offer, "Nobody home");
        assertTrue(smtp.commands().contains("RSET"), smtp.commands().toString());
        mailroom.send(email("Next one"));
        assertEquals(1, smtp.messages().size());
        assertEquals(1, smtp.connectionsAccepted());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void everyRecipientRefusedButData354GetsNoMessageButAnEmptyEndAndRset(Offer offer) throws Exception {
        start(offer);
        smtp.on(Step.RCPT).reply(550, "5.1.1 no such user").times(1);
        smtp.on(Step.DATA).reply(354, "go ahead, whatever").times(1); // a server breaking RFC 2920 section 3

        MailDeliveryException e = assertThrows(MailDeliveryException.class, () -> mailroom.send(email("Not for you")));

        assertEquals(550, e.replyCode());
        assertNotSent(offer, "Not for you");
        mailroom.send(email("Next one"));
        assertEquals(List.of(TO), smtp.messages().get(smtp.messages().size() - 1).recipients());
        assertEquals(1, smtp.connectionsAccepted());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void aRefusedSenderIsADeliveryFailureAndTheConnectionGoesOn(Offer offer) throws Exception {
        start(offer);
        smtp.on(Step.MAIL).reply(553, "5.7.1 sender not allowed").times(1);

        MailDeliveryException e = assertThrows(MailDeliveryException.class, () -> mailroom.send(email("Refused sender")));

        assertEquals(553, e.replyCode());
        assertTrue(e.getMessage().startsWith("MAILROOM-3001"), e.getMessage());
        assertTrue(e.serverReply().contains("sender not allowed"), e.serverReply());
        mailroom.send(email("Next one"));
        assertEquals(1, smtp.messages().size());
        assertEquals(1, smtp.connectionsAccepted());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void aRefusedDataCommandCarriesItsReply(Offer offer) throws Exception {
        start(offer);
        smtp.on(Step.DATA).reply(451, "4.3.0 no DATA now").times(1);

        if (offer == Offer.PIPELINING_AND_CHUNKING) {
            mailroom.send(email("BDAT, no DATA")); // DATA is never sent
            assertEquals(1, smtp.messages().size());
            return;
        }
        MailDeliveryException e = assertThrows(MailDeliveryException.class, () -> mailroom.send(email("No DATA")));
        assertEquals(451, e.replyCode());
        assertTrue(e.isTransient());
        mailroom.send(email("Next one"));
        assertEquals(1, smtp.messages().size());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void aRefusedMessageCarriesTheReply(Offer offer) throws Exception {
        start(offer);
        smtp.on(Step.MESSAGE).reply(554, "5.7.1 content rejected").times(1);

        MailDeliveryException e = assertThrows(MailDeliveryException.class, () -> mailroom.send(email("Rejected")));

        assertEquals(554, e.replyCode());
        assertTrue(e.serverReply().contains("content rejected"), e.serverReply());
        mailroom.send(email("Next one"));
        assertEquals(1, smtp.messages().size());
        assertEquals(1, smtp.connectionsAccepted());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void aConnectionClosedInsteadOfTheRecipientsReplyIsAConnectionFailure(Offer offer) throws Exception {
        start(offer);
        smtp.on(Step.RCPT).drop().times(1);

        assertThrows(MailConnectionException.class, () -> mailroom.send(email("Cut")));

        assertEquals(List.of(), smtp.messages());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void aMissingReplyTimesOutAsAConnectionFailureAndDeliversNothing(Offer offer) throws Exception {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(0);
        settings.setReadTimeoutMillis(1_000);
        start(offer, settings);
        smtp.on(Step.MAIL).silence().times(1);

        assertThrows(MailConnectionException.class, () -> mailroom.send(email("Unanswered")));

        assertEquals(List.of(), smtp.messages());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void a421OnAReusedConnectionIsRetriedOnANewOne(Offer offer) throws Exception {
        start(offer);
        mailroom.send(email("On the first connection"));
        smtp.on(Step.MAIL).replyAndClose(421, "4.4.2 closing idle connection").times(1);

        mailroom.send(email("On the second connection"));

        assertEquals(2, smtp.messages().size());
        assertEquals(2, smtp.connectionsAccepted());
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void dotsAndBareLineFeedsArriveAsInLockstep(Offer offer) throws Exception {
        start(offer);
        String raw = "From: shop@sender.test\r\nTo: customer@receiver.test\r\nSubject: dots\r\n\r\n"
                + ".one dot\r\n..two dots\r\n.\r\nbare LF next\nand a bare CR\rend . \r\n.";
        byte[] expected = (raw.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        mailroom.sendRaw(raw.getBytes(StandardCharsets.US_ASCII), ENVELOPE);

        assertArrayEquals(expected, smtp.messages().get(0).data(), smtp.messages().get(0).text());
        if (offer != Offer.PIPELINING_AND_CHUNKING) {
            assertTrue(smtp.reads().stream().anyMatch(r -> r.contains("\r\n..one dot\r\n...two dots\r\n..\r\n")),
                    "dot-stuffed on the wire");
        }
    }

    @ParameterizedTest
    @EnumSource(Offer.class)
    void aMegabyteArrivesByteForByte(Offer offer) throws Exception {
        start(offer);
        byte[] big = message(1024 * 1024);

        mailroom.sendRaw(big, ENVELOPE);

        assertArrayEquals(big, smtp.messages().get(0).data());
    }

    /** Each message on a connection is held in the same buffer: the second must not carry the first's bytes. */
    @ParameterizedTest
    @EnumSource(Offer.class)
    void messagesOneAfterAnotherOnOneConnectionArriveByteForByte(Offer offer) throws Exception {
        start(offer);
        byte[] large = message(20_000);
        byte[] small = message(300);

        try (var mail = mailroom.connection()) {
            mail.sendRaw(new java.io.ByteArrayInputStream(large), ENVELOPE);
            mail.sendRaw(new java.io.ByteArrayInputStream(small), ENVELOPE);
        }

        assertArrayEquals(large, smtp.messages().get(0).data());
        assertArrayEquals(small, smtp.messages().get(1).data());
        assertEquals(1, smtp.connectionsAccepted());
    }

    /** Past the limit, the held part and the rest go through Angus's DATA stream (with CHUNKING: instead of BDAT). */
    @ParameterizedTest
    @EnumSource(value = Offer.class, names = {"PIPELINING", "PIPELINING_AND_CHUNKING"})
    void aMessageLargerThanOneChunkGoesThroughDataAndArrivesByteForByte(Offer offer) throws Exception {
        start(offer);
        byte[] big = message(io.mailroom.adapter.smtp.pipelining.PipeliningTransport.CHUNK_LIMIT + 100_000);

        try (var mail = mailroom.connection()) {
            mail.sendRaw(new java.io.ByteArrayInputStream(big), ENVELOPE);
        }

        assertArrayEquals(big, smtp.messages().get(0).data());
        assertTrue(smtp.commands().contains("DATA"), "went through DATA");
    }

    /**
     * Lockstep and DATA never send a message nobody accepted. BDAT goes out with the envelope (that is
     * the one round trip), so there the server must have read it and delivered nothing.
     */
    private void assertNotSent(Offer offer, String subject) {
        assertFalse(smtp.messages().stream().anyMatch(m -> m.text().contains(subject)), "delivered");
        if (offer != Offer.PIPELINING_AND_CHUNKING) {
            assertFalse(smtp.reads().stream().anyMatch(r -> r.contains(subject)), "the message was sent");
        }
    }

    /** @return the reads from the first MAIL FROM on, up to QUIT or RSET */
    private List<String> transactionReads() throws ResourceException {
        mailroom.close(); // QUIT, so every read has happened
        mailroom = null;
        List<String> reads = smtp.reads();
        int from = 0;
        while (!reads.get(from).startsWith("MAIL FROM")) {
            from++;
        }
        int to = from;
        while (to < reads.size() && !reads.get(to).startsWith("QUIT")) {
            to++;
        }
        return reads.subList(from, to);
    }

    /** @return a message of about {@code size} bytes in lines of 78, some starting with a dot */
    private static byte[] message(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 200);
        out.writeBytes("From: shop@sender.test\r\nTo: customer@receiver.test\r\nSubject: big\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; out.size() < size; i++) {
            String line = (i % 7 == 0 ? "." : "") + String.format("%08d", i) + "x".repeat(68) + "\r\n";
            out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
