package io.mailroom.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.SendReceipt;
import io.mailroom.cdi.template.MailTemplates;
import io.mailroom.cdi.template.MergeResult;
import io.mailroom.cdi.template.OrderMail;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Templates injected in Weld, merged over rows and sent through a real sender to GreenMail. */
class MailMergeTest {
    private final CdiMailroom mailroom = new CdiMailroom();

    @AfterEach
    void stop() {
        mailroom.close();
    }

    private static OrderMail row(String name, String email) {
        return new OrderMail(new OrderMail.Customer(name, email), "A-" + name.length(),
                List.of(new OrderMail.Line(1, "Tea")), "<script>alert(1)</script>");
    }

    @Test
    void aMergeSendsOneMessagePerRowAndReportsTheFailingRowAlone() throws Exception {
        mailroom.factory("mail/mailroom").start(TemplateUser.class, MailTemplates.class);
        TemplateUser app = mailroom.bean(TemplateUser.class);
        List<OrderMail> rows = List.of(row("Ann", "ann@example.com"), row("Bad", "not an address"),
                row("Jürgen Müller", "juergen@example.com"), row("山田 太郎", "taro@example.com"));

        List<MergeResult<OrderMail>> results = app.templates.merge(app.mail, "order-confirmation", Locale.ENGLISH, rows,
                (row, email) -> email.to(row.customer().email()));

        assertEquals(4, results.size());
        assertEquals(List.of(true, false, true, true), results.stream().map(MergeResult::isSent).toList());
        MergeResult<OrderMail> bad = results.get(1);
        assertEquals(1, bad.index());
        assertNull(bad.receipt());
        assertEquals("to", assertInstanceOf(InvalidEmailException.class, bad.failure()).field());
        assertEquals(SendReceipt.Status.QUEUED, results.get(0).receipt().status());
        assertTrue(mailroom.server("mail/mailroom").waitForIncomingEmail(20_000, 3));
        MimeMessage[] received = mailroom.server("mail/mailroom").getReceivedMessages();
        assertEquals(3, received.length);
        List<String> to = Arrays.stream(received).map(MailMergeTest::to).sorted().toList();
        assertEquals(List.of("ann@example.com", "juergen@example.com", "taro@example.com"), to);
        MimeMessage juergen = Arrays.stream(received).filter(m -> to(m).startsWith("juergen")).findFirst().orElseThrow();
        MimeMultipart alternative = (MimeMultipart) juergen.getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertTrue(html.contains("Hello Jürgen Müller,") && html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("<script>"), html);
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
