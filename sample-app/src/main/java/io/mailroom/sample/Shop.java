package io.mailroom.sample;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.SendReceipt;
import io.mailroom.api.InvalidEmailException;
import io.mailroom.api.calendar.Attendee;
import io.mailroom.api.calendar.Invitation;
import io.mailroom.api.calendar.Organizer;
import io.mailroom.api.calendar.Recurrence;
import io.mailroom.cdi.MailSender;
import jakarta.annotation.Resource;
import io.mailroom.cdi.template.MailTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Locale;

/**
 * What the sample does with Mailroom, each in one JTA transaction: mail composed on the page, and
 * an order saved in H2 with its confirmation mail (from the {@code order-confirmation} template),
 * and a meeting request. Failing after sending (or saving) rolls the
 * transaction back, and the mail never leaves; the caller, who asked for the failure, reports it.
 */
@ApplicationScoped
public class Shop {
    @Inject
    MailSender mail;

    @Inject
    Orders orders;

    @Inject
    MailTemplates templates;

    /** What the page shows when a message's transaction was rolled back on purpose. */
    public static final String MESSAGE_ROLLED_BACK = "The message failed on purpose after sending: the transaction rolled"
            + " back and the mail was discarded";
    /** What the page shows when an order's transaction was rolled back on purpose. */
    public static final String ORDER_ROLLED_BACK = "The order failed on purpose after saving: the transaction rolled back,"
            + " so the order was not saved and its confirmation mail was discarded";

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Transactional
    public SendReceipt compose(ComposeRequest request) {
        Email.Builder email = Email.builder().to(request.to()).subject(request.subject());
        if (request.html()) {
            email.html(request.body());
        } else {
            email.text(request.body());
        }
        if (request.attachmentName() != null && !request.attachmentName().isBlank()) {
            email.attach(Attachment.fromBytes(request.attachmentName(), request.attachmentType(),
                    Base64.getDecoder().decode(request.attachmentBase64())));
        }
        SendReceipt receipt = mail.send(email.build()).get(0);
        if (request.failAfterSending()) {
            failOnPurpose();
        }
        return receipt;
    }

    @Transactional
    public Order placeOrder(OrderRequest request) throws SQLException {
        Order order = orders.insert(request.email(), request.item(), request.quantity());
        mail.send(templates.render("order-confirmation", Locale.ENGLISH,
                        new OrderConfirmation(order.id(), order.item(), order.quantity()))
                .to(request.email())
                .header("X-Order-Id", Long.toString(order.id()))
                .build());
        if (request.failAfterSaving()) {
            failOnPurpose();
        }
        return order;
    }

    /**
     * Rolls the transaction back as a failure after sending would, but without an exception: the
     * {@code @Transactional} interceptor rolls back a transaction marked rollback-only when the
     * method returns, and an expected rollback then leaves no FFDC incident on Liberty.
     */
    private void failOnPurpose() {
        transaction.setRollbackOnly();
    }

    @Transactional
    public SendReceipt invite(MeetingRequest request) {
        ZonedDateTime start;
        try {
            start = LocalDateTime.parse(request.start()).atZone(ZoneId.of(request.zone()));
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidEmailException("invitation.start", "start and zone must be like 2027-03-22T10:00 and Europe/Berlin");
        }
        Invitation.Builder invitation = Invitation.request()
                .organizer(new Organizer("mailroom@localhost", "Mailroom sample"))
                .attendee(Attendee.required(request.to(), request.name()))
                .start(start).end(start.plusMinutes(Math.max(1, request.minutes())))
                .summary(request.title()).location("Sample meeting room").reminder(Duration.ofMinutes(15));
        if (request.weeks() > 1) {
            invitation.recurrence(Recurrence.weekly().times(request.weeks()));
        }
        return mail.send(Email.builder().to(request.to()).subject("Invitation: " + request.title())
                .text("You are invited to " + request.title() + ".").invitation(invitation.build()).build()).get(0);
    }
}
