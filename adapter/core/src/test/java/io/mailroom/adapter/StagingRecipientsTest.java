package io.mailroom.adapter;

import io.mailroom.testsupport.Await;

import static io.mailroom.adapter.TestMailroom.FROM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.mailroom.api.Email;
import io.mailroom.api.SendReceipt;
import jakarta.mail.internet.MimeMessage;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code recipientAllowList} and {@code redirectTo} against GreenMail: who receives mail (RCPT TO
 * as GreenMail saw it), on the direct path and through the outbox, and the logged drop.
 */
class StagingRecipientsTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = TestMailroom.greenMail();

    private static final String TESTER = "tester@staging.test";
    private static final String CUSTOMER = "real.customer@gmail.test";

    private SmtpManagedConnectionFactory settings(String allowList, String redirectTo) {
        SmtpManagedConnectionFactory settings = TestMailroom.settings(greenMail.getSmtp().getPort());
        settings.setRecipientAllowList(allowList);
        settings.setRedirectTo(redirectTo);
        return settings;
    }

    @Test
    void recipientsOutsideTheListAreDroppedLoggedAndNamedInTheReceipt() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(settings("*@staging.test, qa@partner.test", null), 1);
             LogCapture log = new LogCapture()) {
            SendReceipt receipt = mailroom.send(Email.builder().from(FROM).to(TESTER, CUSTOMER).cc("QA@Partner.test")
                    .subject("Staging order").text("Test").build());

            assertEquals(List.of(TESTER, "QA@Partner.test"), receipt.accepted());
            assertEquals(1, receipt.rejected().size());
            assertTrue(receipt.rejected().get(0).startsWith(CUSTOMER + ": MAILROOM-9022"), receipt.rejected().toString());
            assertTrue(log.text().contains("MAILROOM-9020") && log.text().contains(CUSTOMER), log.text());
        }
        assertEquals(List.of(TESTER, "qa@partner.test"), receivedBy(TESTER, "qa@partner.test"));
    }

    @Test
    void aMessageForNobodyOnTheListIsNotSentAtAll() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(settings("staging.test", null), 1)) {
            SendReceipt receipt = mailroom.send(TestMailroom.emailTo("Nobody allowed", CUSTOMER));

            assertEquals(List.of(), receipt.accepted());
            assertEquals(List.of(), mailroom.enqueue(TestMailroom.emailTo("Nobody queued", CUSTOMER)).accepted());
            assertEquals(0, mailroom.factory().outboxStatus().queued());
        }
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void redirectedMailGoesToTheRedirectAddressAndNamesTheOriginalRecipients() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(settings("staging.test", "inbox@staging.test"), 1)) {
            mailroom.enqueue(Email.builder().from(FROM).to(CUSTOMER).bcc("hidden@gmail.test")
                    .subject("Redirected").text("Test").build());
            Await.until(() -> greenMail.getReceivedMessages().length == 1);
        }
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertEquals(CUSTOMER + ", hidden@gmail.test",
                received.getHeader("X-Mailroom-Original-Recipients", ",").replaceAll("\\s+", " ").replace(" ,", ","));
        assertEquals(CUSTOMER, received.getHeader("To", ","), "the visible headers stay as the customer would see them");
        assertEquals(List.of("inbox@staging.test"), receivedBy("inbox@staging.test"));
    }

    @Test
    void withOnlyRedirectToEveryoneIsRedirected() throws Exception {
        try (TestMailroom mailroom = new TestMailroom(settings(null, "inbox@staging.test"), 1)) {
            mailroom.send(TestMailroom.emailTo("Everyone redirected", TESTER, CUSTOMER));
        }
        assertEquals(List.of("inbox@staging.test"), receivedBy("inbox@staging.test"));
    }

    @Test
    void badSettingsFailNamingTheSetting(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws Exception {
        java.nio.file.Path aFile = java.nio.file.Files.createFile(temp.resolve("not-a-directory"));
        assertRefused("MAILROOM-9004", "recipientAllowList", f -> f.setRecipientAllowList("staging.test, *.gmail.test"));
        assertRefused("MAILROOM-9005", "redirectTo", f -> f.setRedirectTo("not an address"));
        assertRefused("MAILROOM-9001", "deliveryMethod", f -> f.setDeliveryMethod("fax"));
        assertRefused("MAILROOM-9002", "pickupDirectory", f -> f.setDeliveryMethod("pickup-directory"));
        assertRefused("MAILROOM-9003", "pickupDirectory", f -> {
            f.setDeliveryMethod("pickup-directory");
            f.setPickupDirectory(aFile.resolve("pickup").toString());
        });
    }

    private static void assertRefused(String id, String setting,
                                      java.util.function.Consumer<SmtpManagedConnectionFactory> change) {
        SmtpManagedConnectionFactory f = TestMailroom.settings(2525);
        change.accept(f);
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, f::settings);
        assertTrue(e.getMessage().startsWith(id) && e.getMessage().contains(setting), e.getMessage());
    }

    /** The mailboxes GreenMail delivered to (one copy per envelope recipient), checked one by one. */
    private static List<String> receivedBy(String... expected) {
        assertEquals(expected.length, greenMail.getReceivedMessages().length, "copies delivered");
        return Arrays.stream(expected)
                .filter(StagingRecipientsTest::hasOneMessage).toList();
    }

    /** The mailbox GreenMail made for the envelope recipient (RCPT TO), not for the To header. */
    private static boolean hasOneMessage(String address) {
        var user = greenMail.getUserManager().getUserByEmail(address);
        try {
            return user != null && greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount() == 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
