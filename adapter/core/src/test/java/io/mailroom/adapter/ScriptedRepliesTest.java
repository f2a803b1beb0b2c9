package io.mailroom.adapter;

import static io.mailroom.adapter.TestMailroom.TO;
import static io.mailroom.adapter.TestMailroom.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailConnectionException;
import io.mailroom.api.MailDeliveryException;
import io.mailroom.api.SendReceipt;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.ScriptedSmtpServer.Step;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Refusals and failures a real server gives, scripted, and what the application sees of them. */
class ScriptedRepliesTest {
    private static final String NOBODY = "nobody@receiver.test";

    @RegisterExtension
    final ScriptedServerExtension server = new ScriptedServerExtension();

    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;

    @BeforeEach
    void fixtures() {
        smtp = server.smtp();
        mailroom = server.mailroom();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"550, 5.7.1 message content rejected, false", "451, 4.3.0 try again later, true"})
    void aRefusedMessageCarriesTheReplyAndWhetherToRetry(int code, String text, boolean isTransient) {
        smtp.on(Step.MESSAGE).reply(code, text);

        MailDeliveryException e = assertThrows(MailDeliveryException.class, () -> mailroom.send(email("Refused")));

        assertEquals(code, e.replyCode());
        assertEquals(isTransient, e.isTransient());
        assertTrue(e.serverReply().contains(text), e.serverReply());
    }

    @Test
    void afterA451TheSameConnectionCarriesTheNextMessage() {
        smtp.on(Step.MESSAGE).reply(451, "4.3.0 try again later").times(1);
        assertThrows(MailDeliveryException.class, () -> mailroom.send(email("First try")));

        mailroom.send(email("Second try"));

        assertEquals(1, smtp.messages().size());
        assertEquals(1, smtp.connectionsAccepted());
    }

    @Test
    void oneRefusedRecipientIsReportedAndTheOtherGetsTheMessage() {
        smtp.on(Step.RCPT).matching(NOBODY).reply(550, "5.1.1 no such user");

        SendReceipt receipt = mailroom.send(TestMailroom.emailTo("Partial", NOBODY, TO));

        assertEquals(List.of(TO), receipt.accepted());
        assertEquals(1, receipt.rejected().size());
        assertTrue(receipt.rejected().get(0).startsWith(NOBODY), receipt.rejected().get(0));
        assertTrue(receipt.rejected().get(0).contains("550 5.1.1 no such user"), receipt.rejected().get(0));
        assertEquals(List.of(TO), smtp.messages().get(0).recipients());
    }

    @Test
    void everyRecipientRefusedIsADeliveryFailure() {
        smtp.on(Step.RCPT).reply(550, "5.1.1 no such user");

        MailDeliveryException e = assertThrows(MailDeliveryException.class,
                () -> mailroom.send(TestMailroom.emailTo("Nobody home", NOBODY, TO)));

        assertEquals(550, e.replyCode());
        assertTrue(e.getMessage().startsWith("MAILROOM-3002"), e.getMessage());
        assertTrue(e.serverReply().contains("no such user"), e.serverReply());
        assertEquals(List.of(), smtp.messages());
    }

    @Test
    void a421AndCloseOnAReusedConnectionIsRetriedOnANewOne() {
        mailroom.send(email("On the first connection"));
        smtp.on(Step.MAIL).replyAndClose(421, "4.4.2 closing idle connection").times(1);

        SendReceipt receipt = mailroom.send(email("On the second connection"));

        assertTrue(receipt.serverReply().startsWith("250"), receipt.serverReply());
        assertEquals(2, smtp.messages().size());
        assertEquals(2, smtp.connectionsAccepted());
    }

    @Test
    void aConnectionLostInTheMiddleOfDataIsAConnectionFailure() {
        smtp.on(Step.MESSAGE).drop();

        MailConnectionException e = assertThrows(MailConnectionException.class, () -> mailroom.send(email("Cut")));

        assertTrue(e.getMessage().contains("127.0.0.1:" + smtp.port()), e.getMessage());
        assertEquals(List.of(), smtp.messages());
    }
}
