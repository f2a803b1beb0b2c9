package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.Email;
import io.mailroom.api.calendar.Attendee;
import io.mailroom.api.calendar.Invitation;
import io.mailroom.api.calendar.Organizer;
import io.mailroom.api.calendar.Recurrence;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server: a mail template from the application's class path rendered by the CDI
 * extension, and a meeting request composed by the adapter with the ical4j inside mailroom.rar
 * (its VTIMEZONE data read through the adapter's class loader), committed in one transaction.
 */
@ExtendWith(ArquillianExtension.class)
class ContentIT {
    @Inject
    ContentShop shop;

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = ItDeployment.earWithCdi("mailroom.jndi-name=" + ItServer.jndiName("mail/it"),
                ContentIT.class, ContentShop.class, ContentShop.ItOrder.class);
        ear.getAsType(WebArchive.class, "tests.war")
                .addAsResource(new StringAsset("Bestellung {{ number }}\n"), "mail-templates/it-order/subject_de.peb")
                .addAsResource(new StringAsset("Order {{ number }}\n"), "mail-templates/it-order/subject.peb")
                .addAsResource(new StringAsset("Note: {{ note }}\n"), "mail-templates/it-order/text.peb")
                .addAsResource(new StringAsset("<p>{{ note }}</p>\n"), "mail-templates/it-order/html.peb");
        return ear;
    }

    @Test
    void aTemplatedMailAndAMeetingRequestLeaveTogetherOnCommit() throws Exception {
        Mailbox mailbox = TestSmtpServers.mailbox().reset();
        String number = UUID.randomUUID().toString();
        ZonedDateTime start = ZonedDateTime.of(2027, 3, 22, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        Invitation invitation = Invitation.request().uid(number + "@it.test")
                .organizer(new Organizer("organizer@example.com", "Anna"))
                .attendee(Attendee.required("juergen@example.com", "Jürgen Müller"))
                .start(start).end(start.plusHours(1)).summary("Review " + number)
                .recurrence(Recurrence.weekly().times(3)).reminder(Duration.ofMinutes(10)).build();
        Email meeting = Email.builder().to("juergen@example.com").subject("Invitation " + number)
                .text("Please come.").invitation(invitation).build();

        shop.sendBoth(new ContentShop.ItOrder(number, "<script>x</script> & \"q\""), "customer@example.com", meeting);

        assertTrue(Mailbox.await(() -> mailbox.count("Bestellung " + number) == 1 && mailbox.count("Invitation " + number) == 1),
                "both messages arrived");
        MimeMessage templated = find(mailbox, "Bestellung " + number);
        MimeMultipart alternative = (MimeMultipart) templated.getContent();
        assertEquals("Note: <script>x</script> & \"q\"", ((String) alternative.getBodyPart(0).getContent()).strip());
        assertEquals("<p>&lt;script&gt;x&lt;/script&gt; &amp; &quot;q&quot;</p>",
                ((String) alternative.getBodyPart(1).getContent()).strip());

        MimeMessage received = find(mailbox, "Invitation " + number);
        MimeMultipart mixed = (MimeMultipart) received.getContent();
        MimeMultipart parts = (MimeMultipart) mixed.getBodyPart(0).getContent();
        BodyPart calendarPart = parts.getBodyPart(parts.getCount() - 1);
        assertEquals("REQUEST", new ContentType(calendarPart.getContentType()).getParameter("method"));
        String calendar;
        try (InputStream in = calendarPart.getInputStream()) {
            calendar = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n ", "");
        }
        for (String line : List.of("METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
                "DTSTART;TZID=Europe/Berlin:20270322T100000", "RRULE:FREQ=WEEKLY;COUNT=3", "UID:" + number + "@it.test",
                "TRIGGER:-PT10M", "CN=\"Jürgen Müller\"")) {
            assertTrue(calendar.contains(line), line + " missing in\n" + calendar);
        }
        assertEquals("invite.ics", mixed.getBodyPart(1).getFileName());
    }

    private static MimeMessage find(Mailbox mailbox, String subject) throws Exception {
        for (MimeMessage m : mailbox.received()) {
            if (subject.equals(m.getSubject())) {
                return m;
            }
        }
        throw new AssertionError("no message " + subject);
    }
}
