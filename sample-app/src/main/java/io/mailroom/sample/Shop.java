package io.mailroom.sample;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.SendReceipt;
import io.mailroom.cdi.MailSender;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Base64;

/**
 * What the sample does with Mailroom, each in one JTA transaction: mail composed on the page, and
 * an order saved in H2 with its confirmation mail. Failing after sending (or saving) rolls the
 * transaction back, and the mail never leaves; the caller, who asked for the failure, reports it.
 */
@ApplicationScoped
public class Shop {
    @Inject
    MailSender mail;

    @Inject
    Orders orders;

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
        mail.send(Email.builder()
                .to(request.email())
                .subject("Order " + order.id() + " confirmed")
                .text("Thank you for your order of " + order.quantity() + " x " + order.item() + ".")
                .html("<h1>Thank you!</h1><p>Your order <b>" + order.id() + "</b>: " + order.quantity() + " &times; "
                        + escape(order.item()) + ".</p>")
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

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
